"""Programs and rules for the grants tests (the `world` fixture has none)."""

from __future__ import annotations

import datetime as dt

from kyodo.grants.models import Eligibility, ExpenseCategory, GrantProgram, ProgramRule, SimulationScenario

PROGRAMS = {
    "founding": ("設立準備の会議費用", 1, Eligibility.FORMING),
    "startup": ("地域協働体支援事業補助金", 8, Eligibility.NO_PLAN),
    "activity": ("地域協働体活動費補助金", 9, Eligibility.PLAN),
    "secretariat": ("事務局員の雇用支援", 10, Eligibility.ESTABLISHED),
}


def ensure_program(code: str = "activity") -> GrantProgram:
    name, measure, eligibility = PROGRAMS[code]
    program, _ = GrantProgram.objects.get_or_create(
        code=code, defaults={"name": name, "measure_number": measure, "eligibility": eligibility}
    )
    return program


def ensure_category(code: str, name: str | None = None) -> ExpenseCategory:
    category, _ = ExpenseCategory.objects.get_or_create(code=code, defaults={"name": name or code})
    return category


def ensure_rule(code: str = "activity", fiscal_year: int = 2023, **overrides) -> ProgramRule:
    values = {
        "application_opens_on": dt.date(fiscal_year, 4, 1), "application_closes_on": dt.date(fiscal_year, 5, 31),
        "actuals_due_on": dt.date(fiscal_year + 1, 4, 10), "base_yen": 300_000, "per_household_yen": 100,
        "per_resident_yen": 50, "cap_yen": 2_000_000, "rounding_unit_yen": 1000, "budget_yen": 30_000_000,
        "allows_advance_payment": True, "is_demo_data": True, **overrides,
    }
    rule, _ = ProgramRule.objects.get_or_create(program=ensure_program(code), fiscal_year=fiscal_year, defaults=values)
    return rule


def ensure_scenario(code: str = "activity", fiscal_year: int = 2023, name: str = "案A") -> SimulationScenario:
    program = ensure_rule(code, fiscal_year).program
    scenario, _ = SimulationScenario.objects.get_or_create(
        program=program, fiscal_year=fiscal_year, name=name,
        defaults={"base_yen": 400_000, "per_household_yen": 100, "per_resident_yen": 50, "cap_yen": 2_000_000,
                  "rounding_unit_yen": 1000},
    )
    return scenario


def rule_post_data(rule: ProgramRule | None = None, **overrides) -> dict:
    """Valid form data for rule-create (rule None) or rule-edit."""
    year = rule.fiscal_year if rule else 2030
    data = {
        "application_opens_on": f"{year}-04-01", "application_closes_on": f"{year}-05-31",
        "actuals_due_on": f"{year + 1}-04-10", "base_yen": "300000", "per_household_yen": "100",
        "per_resident_yen": "50", "cap_yen": "2000000", "rounding_unit_yen": "1000", "budget_yen": "30000000",
        "allows_advance_payment": "on", "is_demo_data": "on",
    }
    if rule is None:
        data |= {"program": str(ensure_program("activity").pk), "fiscal_year": str(year)}
    else:
        data["version"] = str(rule.version)
    return data | overrides
