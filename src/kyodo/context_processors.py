from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from kyodo.menus import main_menu


def site(request: HttpRequest) -> dict[str, Any]:
    municipality = settings.MUNICIPALITY
    english = get_language() == "en"
    return {
        "municipality": municipality,
        # The municipality's name in the page's language (一関市 / Ichinoseki City).
        "city_name": municipality["name_en"] if english else municipality["name"],
        "city_full_name": municipality["name_en"] if english else municipality["prefecture"] + municipality["name"],
        "demo_mode": settings.DEMO_MODE,
        "main_menu": main_menu(request),
    }
