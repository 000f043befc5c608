"""Japanese fiscal years (年度): 1 April to 31 March, named after the calendar year they start in.

FY2019 runs 2019-04-01 to 2020-03-31 and is called 令和元年度 (R1): a 年度 takes the era that
is in effect at the end of its starting calendar year, which is the usage of city documents
(FY1988 = 昭和63年度, FY1989 = 平成元年度, FY2019 = 令和元年度).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import total_ordering

from kyodo.japanese_era import era_of


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
