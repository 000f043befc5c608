"""Loading the subsidy programs, expense categories and (demo) rules from a TOML data file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kyodo.datafiles import DataFileError, Entry, load_data_file
from kyodo.grants.models import ExpenseCategory, GrantProgram, ProgramRule

DEFAULT_PATH = Path(__file__).parent / "data" / "programs.toml"

__all__ = ["DEFAULT_PATH", "DataFileError", "load_grant_programs"]


def load_grant_programs(path: Path | str | None = None) -> int:
    """Create the programs, categories and rules the file lists; return how many rows were created.

    Idempotent and never overwrites: an existing program (code), category (code) or rule
    (program and fiscal year) is left as it is, since the city may have edited it. One transaction;
    raises DataFileError listing every problem of a file that does not hold together.
    """
    return load_data_file(path or DEFAULT_PATH, _load)


def _load(document: Entry) -> int:
    return (document.each("programs", _load_program) + document.each("categories", _load_category)
            + document.each("rules", _load_rules))


def _load_program(entry: Entry) -> int:
    _program, created = GrantProgram.objects.get_or_create(
        code=entry.text("code"),
        defaults={
            "name": entry.text("name"),
            "short_name": entry.text("short_name", ""),
            "measure_number": entry.integer("measure_number"),
            "description": entry.text("description", ""),
            "eligibility": entry.text("eligibility"),
            "order": entry.number - 1,
        },
    )
    return int(created)


def _load_category(entry: Entry) -> int:
    _category, created = ExpenseCategory.objects.get_or_create(
        code=entry.text("code"),
        defaults={"name": entry.text("name"), "description": entry.text("description", ""),
                  "order": entry.number - 1},
    )
    return int(created)


def _month_day(entry: Entry, key: str, year: int) -> dt.date:
    """The date of the ``"MM-DD"`` field ``key`` in ``year``."""
    text = entry.text(key)
    try:
        month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        entry.problem(key, f"「月-日」(例: 04-01)ではありません({text!r})。")


def _categories(entry: Entry, key: str) -> list[ExpenseCategory]:
    codes = entry.get(key, [])
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        entry.problem(key, "経費区分のコードの並びではありません。")
    found = list(ExpenseCategory.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {category.code for category in found})
    if unknown:
        entry.problem(key, f"登録されていない経費区分です: {', '.join(unknown)}")
    return found


def _load_rules(entry: Entry) -> int:
    code = entry.text("program")
    program = GrantProgram.objects.filter(code=code).first()
    if program is None:
        entry.problem("program", f"「{code}」という補助制度はありません。")
    eligible = _categories(entry, "eligible")
    ineligible = _categories(entry, "ineligible")
    existing = set(program.rules.values_list("fiscal_year", flat=True))
    count = 0
    for year in range(entry.integer("first_year"), entry.integer("last_year") + 1):
        if year in existing:
            continue
        rule = ProgramRule.objects.create(
            program=program,
            fiscal_year=year,
            application_opens_on=_month_day(entry, "opens_md", year),
            application_closes_on=_month_day(entry, "closes_md", year),
            actuals_due_on=_month_day(entry, "actuals_due_md", year + 1),
            base_yen=entry.integer("base_yen", 0),
            per_household_yen=entry.integer("per_household_yen", 0),
            per_resident_yen=entry.integer("per_resident_yen", 0),
            cap_yen=entry.integer("cap_yen", None),
            rounding_unit_yen=entry.integer("rounding_unit_yen", 1000),
            budget_yen=entry.integer("budget_yen", 0),
            allows_advance_payment=entry.flag("allows_advance_payment"),
            is_demo_data=entry.flag("is_demo_data", True),
        )
        rule.eligible_categories.set(eligible)
        rule.ineligible_categories.set(ineligible)
        count += 1
    return count
