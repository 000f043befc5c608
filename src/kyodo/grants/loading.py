"""Loading the subsidy programs, expense categories and (demo) rules from a TOML data file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from kyodo.grants.models import ExpenseCategory, GrantProgram, ProgramRule

DEFAULT_PATH = Path(__file__).parent / "data" / "programs.toml"


class DataFileError(Exception):
    """The data file is missing a field or refers to something it does not define."""


def load_grant_programs(path: Path | str | None = None) -> int:
    """Create the programs, categories and rules the file lists; return how many rows were created.

    Idempotent and never overwrites: an existing program (code), category (code) or rule
    (program and fiscal year) is left as it is, since the city may have edited it. One transaction.
    """
    data = tomllib.loads(Path(path or DEFAULT_PATH).read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for order, entry in enumerate(data.get("programs", [])):
            _program, was_created = GrantProgram.objects.get_or_create(
                code=_required(entry, "code"),
                defaults={
                    "name": _required(entry, "name"),
                    "short_name": entry.get("short_name", ""),
                    "measure_number": _required(entry, "measure_number"),
                    "description": entry.get("description", ""),
                    "eligibility": _required(entry, "eligibility"),
                    "order": order,
                },
            )
            created += was_created
        for order, entry in enumerate(data.get("categories", [])):
            _category, was_created = ExpenseCategory.objects.get_or_create(
                code=_required(entry, "code"),
                defaults={
                    "name": _required(entry, "name"),
                    "description": entry.get("description", ""),
                    "order": order,
                },
            )
            created += was_created
        for entry in data.get("rules", []):
            created += _load_rules(entry)
    return created


def _date(year: int, month_day: str) -> dt.date:
    month, day = (int(part) for part in month_day.split("-"))
    return dt.date(year, month, day)


def _categories(codes: list[str]) -> list[ExpenseCategory]:
    found = list(ExpenseCategory.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        raise DataFileError(f"unknown expense category in {codes!r}")
    return found


def _load_rules(entry: dict[str, Any]) -> int:
    code = _required(entry, "program")
    program = GrantProgram.objects.filter(code=code).first()
    if program is None:
        raise DataFileError(f"rule for unknown program {code!r}")
    eligible = _categories(entry.get("eligible", []))
    ineligible = _categories(entry.get("ineligible", []))
    existing = set(program.rules.values_list("fiscal_year", flat=True))
    count = 0
    for year in range(_required(entry, "first_year"), _required(entry, "last_year") + 1):
        if year in existing:
            continue
        rule = ProgramRule.objects.create(
            program=program,
            fiscal_year=year,
            application_opens_on=_date(year, _required(entry, "opens_md")),
            application_closes_on=_date(year, _required(entry, "closes_md")),
            actuals_due_on=_date(year + 1, _required(entry, "actuals_due_md")),
            base_yen=entry.get("base_yen", 0),
            per_household_yen=entry.get("per_household_yen", 0),
            per_resident_yen=entry.get("per_resident_yen", 0),
            cap_yen=entry.get("cap_yen"),
            rounding_unit_yen=entry.get("rounding_unit_yen", 1000),
            budget_yen=entry.get("budget_yen", 0),
            allows_advance_payment=bool(entry.get("allows_advance_payment", False)),
            is_demo_data=bool(entry.get("is_demo_data", True)),
        )
        rule.eligible_categories.set(eligible)
        rule.ineligible_categories.set(ineligible)
        count += 1
    return count


def _required(entry: dict[str, Any], key: str) -> Any:
    try:
        return entry[key]
    except KeyError:
        raise DataFileError(f"{entry!r} has no {key!r}") from None
