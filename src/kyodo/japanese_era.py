"""和暦 (Japanese era) dates for display.

The era table is fixed history; 和暦 is for display only, storage is always ISO dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    name: str  # 令和
    initial: str  # R
    name_en: str  # Reiwa
    starts_on: dt.date


# Newest first. Meiji is counted from the adoption of the solar calendar (明治6年 = 1873).
ERAS: tuple[Era, ...] = (
    Era("令和", "R", "Reiwa", dt.date(2019, 5, 1)),
    Era("平成", "H", "Heisei", dt.date(1989, 1, 8)),
    Era("昭和", "S", "Showa", dt.date(1926, 12, 25)),
    Era("大正", "T", "Taisho", dt.date(1912, 7, 30)),
    Era("明治", "M", "Meiji", dt.date(1868, 10, 23)),
)


class OutOfEraRange(ValueError):
    """The date is before the Meiji era."""


def era_of(day: dt.date) -> tuple[Era, int]:
    """Return the era in effect on ``day`` and the year within it (1 = 元年)."""
    for era in ERAS:
        if day >= era.starts_on:
            return era, day.year - era.starts_on.year + 1
    raise OutOfEraRange(f"{day.isoformat()} is before the Meiji era")


def era_year_label(era: Era, year: int) -> str:
    """令和元年, 令和7年."""
    return f"{era.name}{'元' if year == 1 else year}年"


def format_wareki(day: dt.date, *, with_western_year: bool = True) -> str:
    """令和元年(2019年)5月1日 — the municipal form, Arabic digits and 元 for year one."""
    era, year = era_of(day)
    western = f"({day.year}年)" if with_western_year else ""
    return f"{era_year_label(era, year)}{western}{day.month}月{day.day}日"
