"""Strict input for every API: whole numbers that are JSON integers, bounded text, fiscal years.

Every message is Japanese; a range that depends on the object (an application's entitlement,
cap, at least 1 yen) is checked by the services, not here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja import Field
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from kyodo.text_input import text_problem, without_zero_width

MAX_YEN = 2_147_483_647  # the largest amount an amount column holds
MAX_VERSION = 2_147_483_647


def _whole_number(minimum: int, maximum: int, message: Any) -> Callable[[Any], int]:
    """Whole numbers only: a JSON integer, never a float, a boolean or a string like "12.5"."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise PydanticCustomError("whole_number", str(message))
        return value

    return check


def _text(max_length: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > max_length:
            raise PydanticCustomError("too_long", _("%(count)s文字以内で入力してください。") % {
                "count": f"{max_length:,}"})
        if "\x00" in value:
            raise PydanticCustomError("invalid_character", _("使用できない文字が含まれています。"))
        problem = text_problem(value, multiline=True)  # the forms' rules (kyodo.text_input)
        if problem:
            raise PydanticCustomError("invalid_character", problem)
        return without_zero_width(value)

    return check


def _strict_str(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", _("文字列で入力してください。"))
    return value


Version = Annotated[
    int,
    BeforeValidator(_whole_number(1, MAX_VERSION, _lazy("版数(version)は1以上の整数で指定してください。"))),
    Field(description="The version the caller read (optimistic locking).",
          json_schema_extra={"minimum": 1, "maximum": MAX_VERSION}),
]
Yen = Annotated[
    int,
    BeforeValidator(_whole_number(0, MAX_YEN, _lazy("金額は0円以上の整数(円単位)で入力してください。"))),
    Field(json_schema_extra={"minimum": 0, "maximum": MAX_YEN}),
]

Count = Annotated[
    int,
    BeforeValidator(_whole_number(0, 100_000, _lazy("人数は0以上100,000以下の整数で入力してください。"))),
    Field(json_schema_extra={"minimum": 0, "maximum": 100_000}),
]


def Text(max_length: int) -> Any:
    """A string of at most ``max_length`` characters, without control or bidi-override characters
    (tab and line breaks allowed); zero-width characters are removed."""
    return Annotated[
        str,
        BeforeValidator(_strict_str),
        AfterValidator(_text(max_length)),
        Field(json_schema_extra={"maxLength": max_length}),
    ]


FiscalYearParam = Annotated[
    int,
    BeforeValidator(_whole_number(1989, 2100, _lazy("年度は1989から2100までの西暦で指定してください。"))),
    Field(description="Fiscal year (4月始まり), Western calendar.", json_schema_extra={"minimum": 1989,
                                                                                       "maximum": 2100}),
]


def _year_param(value: Any) -> Any:
    """Query strings carry text: "2026" is accepted, "2026.5" or "x" is not."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value


FiscalYearQuery = Annotated[FiscalYearParam, BeforeValidator(_year_param)]

