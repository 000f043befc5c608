"""Whole numbers from a query string, one way everywhere: ASCII digits only, within bounds.

``str.isdigit()`` accepts "²" and "①", which ``int()`` refuses (a 500), and a 30-digit year
would reach the database (a DataError on PostgreSQL).

One policy for every page and API: a number that chooses what is shown (a filter, a report's year
or month, an id to compare) and is not a plain number in range is a 400 (``BadRequest``) — it came
from an edited or broken link, and showing something else instead would mislead; an absent or empty
one is the default. (A filter form says so next to its field instead, with a 422.) The page
number alone is lenient: ``Paginator.get_page`` clamps it. ``parse_int`` is for numbers in a
form's POST, which the form reports as its own error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import BadRequest
from django.http import HttpRequest

ASCII_DIGITS = re.compile(r"[0-9]{1,18}")
MAX_ID = 2_147_483_647


def parse_int(text: str, *, minimum: int, maximum: int) -> int | None:
    """``text`` as an integer if it is ASCII digits within [minimum, maximum], else None."""
    if not ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None


def query_int(
    request: HttpRequest, name: str, *, minimum: int = 0, maximum: int = MAX_ID, default: int | None = None
) -> int | None:
    """The query parameter ``name`` as an integer; ``default`` when absent or empty; BadRequest otherwise."""
    return int_param(request.GET, name, minimum=minimum, maximum=maximum, default=default)


def int_param(
    params: Mapping[str, str], name: str, *, minimum: int = 0, maximum: int = MAX_ID, default: int | None = None
) -> int | None:
    """:func:`query_int` on the parameters themselves (``request.GET``), for filters read by a ``of(params)``."""
    text = (params.get(name) or "").strip()
    if not text:
        return default
    value = parse_int(text, minimum=minimum, maximum=maximum)
    if value is None:
        raise BadRequest(f"query parameter {name!r} is not a whole number from {minimum} to {maximum}")
    return value


def query_ints(request: HttpRequest, name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> list[int]:
    """Every value of the repeated parameter ``name`` (``?compare=1&compare=2``); BadRequest if one is not."""
    values = []
    for text in request.GET.getlist(name):
        value = parse_int(text.strip(), minimum=minimum, maximum=maximum)
        if value is None:
            raise BadRequest(f"query parameter {name!r} holds a value that is not a whole number")
        values.append(value)
    return values


def query_fiscal_year(request: HttpRequest, name: str = "year", *, default: int | None = None) -> int | None:
    """The fiscal year in the query string (1989–2100, as kyodo's records may name)."""

    return fiscal_year_param(request.GET, name, default=default)


def fiscal_year_param(params: Mapping[str, str], name: str = "year", *, default: int | None = None) -> int | None:
    """:func:`query_fiscal_year` on the parameters themselves (``request.GET``)."""
    from kyodo.fiscal_years import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR

    return int_param(params, name, minimum=FIRST_FISCAL_YEAR, maximum=LAST_FISCAL_YEAR, default=default)
