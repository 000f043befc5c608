"""Japanese fiscal years (年度): 1 April to 31 March, named after the calendar year they start in.

FY2019 runs 2019-04-01 to 2020-03-31 and is called 令和元年度 (R1): a 年度 takes the era that
is in effect at the end of its starting calendar year, which is the usage of city documents
(FY1988 = 昭和63年度, FY1989 = 平成元年度, FY2019 = 令和元年度).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import total_ordering
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.utils import truncate_name
from django.db.migrations.operations.base import Operation
from django.urls import register_converter

from kyodo.japanese_era import era_of

# The years kyodo's records may name: from 平成元年度 to the end of the century.
FIRST_FISCAL_YEAR = 1989
LAST_FISCAL_YEAR = 2100
FISCAL_YEAR_VALIDATORS = [MinValueValidator(FIRST_FISCAL_YEAR), MaxValueValidator(LAST_FISCAL_YEAR)]


@total_ordering
@dataclass(frozen=True)
class FiscalYear:
    year: int  # the Western calendar year in which the fiscal year starts

    @classmethod
    def of(cls, day: dt.date) -> FiscalYear:
        """The fiscal year a date falls in. 年度 runs April–March: January 2027 is FY2026."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls) -> FiscalYear:
        from django.utils import timezone

        return cls.of(timezone.localdate())

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def _era(self) -> tuple[str, str, int]:
        era, year = era_of(dt.date(self.year, 12, 31))
        return era.name, era.initial, year

    @property
    def wareki(self) -> str:
        """令和元年度."""
        name, _initial, year = self._era
        return f"{name}{'元' if year == 1 else year}年度"

    @property
    def short(self) -> str:
        """R1."""
        _name, initial, year = self._era
        return f"{initial}{year}"

    @property
    def label(self) -> str:
        """令和元年度 (2019年度)."""
        return f"{self.wareki}({self.year}年度)"

    @property
    def label_en(self) -> str:
        return f"FY{self.year} ({self.short})"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FiscalYear):
            return NotImplemented
        return self.year < other.year

    def __add__(self, years: int) -> FiscalYear:
        return FiscalYear(self.year + years)

    def __str__(self) -> str:
        return self.label


def fiscal_year_range(first: int, last: int) -> list[FiscalYear]:
    """Every fiscal year from ``first`` to ``last`` inclusive."""
    return [FiscalYear(year) for year in range(first, last + 1)]


def fiscal_year_choices(first: int = 2014, last: int | None = None) -> list[tuple[int, str]]:
    """Choices for a fiscal-year field: (2019, '令和元年度(2019年度)')."""
    last = last if last is not None else FiscalYear.current().year + 5
    return [(fy.year, fy.label) for fy in fiscal_year_range(first, last)]


class FiscalYearField(models.PositiveSmallIntegerField):
    """A fiscal-year column (the calendar year it starts in), 1989–2100: checked by forms and by the database.

    A new table or column gets the check from ``db_check``. Turning an existing column into a
    FiscalYearField needs ``FiscalYearCheck`` after the AlterField (see there).
    """

    default_validators = FISCAL_YEAR_VALIDATORS

    def db_check(self, connection: Any) -> str:
        """The column's CHECK: a write that skips validation (``.update()``, SQL) is refused too."""
        column = self.db_type_parameters(connection)["qn_column"]
        return f"{column} BETWEEN {FIRST_FISCAL_YEAR} AND {LAST_FISCAL_YEAR}"


class FiscalYearCheck(Operation):
    """Add a FiscalYearField's column check to an existing column (a migration operation).

    SQLite alters a column by rebuilding its table from the new field, check included. PostgreSQL
    alters it in place, and Django's AlterField changes a column check only when the built-in
    type's check changes (``>= 0`` for both), so this adds it there.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name, self.name = model_name, name

    def state_forwards(self, app_label: str, state: Any) -> None:
        """Nothing: the AlterField before it changed the field."""

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            model = to_state.apps.get_model(app_label, self.model_name)
            check = model._meta.get_field(self.name).db_check(schema_editor.connection)
            names = self._names(schema_editor, model)
            schema_editor.execute(schema_editor.sql_create_check % {**names, "check": check})

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.execute(schema_editor.sql_delete_check % self._names(schema_editor, model))

    def _names(self, schema_editor: Any, model: Any) -> dict[str, str]:
        table = model._meta.db_table
        column = model._meta.get_field(self.name).column
        name = truncate_name(f"{table}_{column}_range", schema_editor.connection.ops.max_name_length())
        return {"table": schema_editor.quote_name(table), "name": schema_editor.quote_name(name)}

    def describe(self) -> str:
        return f"Check the fiscal year range of {self.model_name}.{self.name} in the database"


class FiscalYearConverter:
    """``<fy:fiscal_year>`` in a URL: four ASCII digits from 1989 to 2100; any other is a 404."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_FISCAL_YEAR <= year <= LAST_FISCAL_YEAR:
            raise ValueError(value)  # the resolver then tries the next pattern, and none matches
        return year

    def to_url(self, value: int | str) -> str:
        return str(self.to_python(str(value)))  # reverse() refuses a year out of range too


register_converter(FiscalYearConverter, "fy")
