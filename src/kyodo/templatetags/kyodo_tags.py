"""Display helpers: 和暦 dates, fiscal years, yen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from kyodo.fiscal_years import FiscalYear
from kyodo.japanese_era import OutOfEraRange, format_wareki

register = template.Library()


@register.filter
def wareki(value: Any) -> str:
    """A date as 令和元年(2019年)5月1日; in English, 1 May 2019 (R1)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if get_language() == "en":
        fiscal = FiscalYear.of(value)
        return f"{value.day} {value:%b} {value.year} ({fiscal.short})" if fiscal else value.isoformat()
    try:
        return format_wareki(value)
    except OutOfEraRange:
        return value.isoformat()


@register.filter
def wareki_datetime(value: Any) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{wareki(local.date())} {local:%H:%M}"


@register.filter
def fiscal_year(value: Any) -> str:
    """2019 → 令和元年度(2019年度)."""
    if value in (None, ""):
        return ""
    fy = value if isinstance(value, FiscalYear) else FiscalYear(int(value))
    return fy.label_en if get_language() == "en" else fy.label


@register.filter
def fiscal_year_short(value: Any) -> str:
    """2019 → R1."""
    if value in (None, ""):
        return ""
    fy = value if isinstance(value, FiscalYear) else FiscalYear(int(value))
    return fy.short


@register.filter
def yen(value: Any) -> str:
    """12345 → 12,345円."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}円"


@register.filter
def number(value: Any) -> str:
    if value in (None, ""):
        return ""
    return f"{int(value):,}"


@register.filter
def fields_with_errors(form: Any) -> list[Any]:
    """The visible fields of a form that have errors, for the summary's links to them."""
    return [field for field in form.visible_fields() if field.errors]
