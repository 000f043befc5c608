"""What a text or number typed into a form may hold: one set of rules for every form.

Text: C0 control characters (other than tab and line breaks in multi-line fields), DEL and the
bidi-override characters (U+202A–U+202E, U+2066–U+2069) are refused with a Japanese message; they
cannot be typed, only pasted or sent on purpose, and one of them in a title used to break the
Excel exports for everyone. Zero-width characters (U+200B–U+200D, U+2060, U+FEFF, and the
direction marks U+200E/U+200F), which copying from office documents brings along, are removed.

Numbers: an integer field of a model form is bounded by its column on both databases (an
``integer`` column on PostgreSQL holds at most 2,147,483,647; SQLite at most 2^63 − 1), so an
amount that does not fit is a message next to the field, not a database error.

:class:`SafeFormMixin` applies both to a form; ``kyodo.editing.ServiceForm`` includes it.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, LF and CR are checked apart
LINE_BREAKS = re.compile("[\t\n\r]")
BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")
ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff]")

MAX_INTEGER = 2_147_483_647  # integer on PostgreSQL
MAX_SMALL = 32_767
MAX_BIG = 9_223_372_036_854_775_807
COLUMN_RANGES: dict[type[models.Field], tuple[int, int]] = {
    models.PositiveSmallIntegerField: (0, MAX_SMALL),
    models.SmallIntegerField: (-MAX_SMALL - 1, MAX_SMALL),
    models.PositiveBigIntegerField: (0, MAX_BIG),
    models.BigIntegerField: (-MAX_BIG - 1, MAX_BIG),
    models.PositiveIntegerField: (0, MAX_INTEGER),
    models.IntegerField: (-MAX_INTEGER - 1, MAX_INTEGER),
}


def text_problem(value: str, *, multiline: bool = False) -> str:
    """Why ``value`` may not be stored as typed (Japanese; empty if it may)."""
    if CONTROL.search(value) or (not multiline and LINE_BREAKS.search(value)):
        return str(_("制御文字(改行以外の見えない文字)は使用できません。"))
    if BIDI_OVERRIDES.search(value):
        return str(_("文字の向きを変える特殊な制御文字は使用できません。"))
    return ""


def without_zero_width(value: str) -> str:
    """``value`` without zero-width characters and direction marks."""
    return ZERO_WIDTH.sub("", value)


class TextValidator:
    """A form field validator refusing control and bidi-override characters."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if isinstance(value, str):
            problem = text_problem(value, multiline=self.multiline)
            if problem:
                raise ValidationError(problem, code="unsafe_text")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(("TextValidator", self.multiline))


def column_range(field: models.Field) -> tuple[int, int] | None:
    """The smallest and largest value ``field``'s column holds on both databases (None: not an integer)."""
    for kind, bounds in COLUMN_RANGES.items():
        if isinstance(field, kind):
            return bounds
    return None


def bound_integer(field: forms.IntegerField, lowest: int, highest: int) -> None:
    """Make ``field`` refuse values outside [lowest, highest] with Japanese messages."""
    if field.max_value is None or field.max_value > highest:
        field.max_value = highest
        field.validators.append(MaxValueValidator(
            highest, message=_("%(limit_value)s以下の数を入力してください。") % {"limit_value": f"{highest:,}"}))
        field.widget.attrs["max"] = highest
    if field.min_value is None or field.min_value < lowest:
        field.min_value = lowest
        field.validators.append(MinValueValidator(
            lowest, message=_("%(limit_value)s以上の数を入力してください。") % {"limit_value": f"{lowest:,}"}))
        field.widget.attrs["min"] = lowest


class SafeFormMixin:
    """Every text field refuses control and bidi-override characters and loses zero-width ones;
    every integer field of a model form is bounded by its column (``MAX_INTEGER`` for the others)."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                multiline = isinstance(field.widget, forms.Textarea)
                if TextValidator(multiline=multiline) not in field.validators:
                    field.validators.append(TextValidator(multiline=multiline))
            elif isinstance(field, forms.IntegerField):
                bounds = None
                if model is not None:
                    try:
                        bounds = column_range(model._meta.get_field(name))
                    except Exception:  # not a model field (a form-only number)
                        bounds = None
                bound_integer(field, *(bounds or (-MAX_INTEGER - 1, MAX_INTEGER)))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and isinstance(self.fields.get(name), forms.CharField):
                cleaned[name] = without_zero_width(value)
        return cleaned
