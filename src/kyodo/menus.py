"""The public main menu, to which each app adds its own entry (``apps.py`` ``ready()``), in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    """An entry of the main menu: where it sits, its label, the URL it opens, the namespace it is current in."""

    order: int
    label: Any
    url_name: str
    namespace: str


MAIN_MENU: list[MenuItem] = []


def add_to_main_menu(order: int, label: Any, url_name: str, *, namespace: str) -> None:
    """Add an app's entry to the main menu (idempotent: the same URL is added once)."""
    if any(item.url_name == url_name for item in MAIN_MENU):
        return
    MAIN_MENU.append(MenuItem(order, label, url_name, namespace))
    MAIN_MENU.sort(key=lambda item: item.order)


def main_menu(request: HttpRequest) -> list[dict[str, Any]]:
    """The entries with their URL, and which one the page belongs to (``aria-current``)."""
    match = getattr(request, "resolver_match", None)
    current = match.namespace if match else ""
    return [{"label": item.label, "url": reverse(item.url_name), "current": current == item.namespace}
            for item in MAIN_MENU]
