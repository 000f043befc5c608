"""/api/v1/grants: the subsidy programs and their rules per fiscal year (public)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from kyodo.access import public
from kyodo.grants.models import GrantProgram

router = Router(tags=["grants"])


class GrantProgramOut(Schema):
    code: str
    name: str
    short_name: str
    measure_number: int
    description: str
    eligibility: str
    eligibility_label: str


class GrantRuleOut(Schema):
    fiscal_year: int
    application_opens_on: dt.date
    application_closes_on: dt.date
    base_yen: int
    per_household_yen: int
    per_resident_yen: int
    cap_yen: int | None
    rounding_unit_yen: int
    rounding_mode: str
    budget_yen: int
    allows_advance_payment: bool
    actuals_due_on: dt.date
    eligible_categories: list[str]
    ineligible_categories: list[str]
    is_demo_data: bool


@router.get("/programs", response=list[GrantProgramOut], summary="補助金制度の一覧")
@public
def list_programs(request: HttpRequest) -> list[dict]:
    """The subsidy programs for community bodies."""
    return [
        {
            "code": p.code,
            "name": p.name,
            "short_name": p.short_name,
            "measure_number": p.measure_number,
            "description": p.description,
            "eligibility": p.eligibility,
            "eligibility_label": str(p.get_eligibility_display()),
        }
        for p in GrantProgram.objects.all()
    ]


@router.get("/programs/{code}/rules", response=list[GrantRuleOut], summary="補助金制度の年度別ルール")
@public
def list_rules(request: HttpRequest, code: str) -> list[dict]:
    """A program's rule per fiscal year, newest first: amount formula, cap, rounding, budget, window."""
    program = get_object_or_404(GrantProgram, code=code)
    rules = program.rules.order_by("-fiscal_year").prefetch_related("eligible_categories", "ineligible_categories")
    return [
        {
            "fiscal_year": r.fiscal_year,
            "application_opens_on": r.application_opens_on,
            "application_closes_on": r.application_closes_on,
            "base_yen": r.base_yen,
            "per_household_yen": r.per_household_yen,
            "per_resident_yen": r.per_resident_yen,
            "cap_yen": r.cap_yen,
            "rounding_unit_yen": r.rounding_unit_yen,
            "rounding_mode": r.rounding_mode,
            "budget_yen": r.budget_yen,
            "allows_advance_payment": r.allows_advance_payment,
            "actuals_due_on": r.actuals_due_on,
            "eligible_categories": [c.code for c in r.eligible_categories.all()],
            "ineligible_categories": [c.code for c in r.ineligible_categories.all()],
            "is_demo_data": r.is_demo_data,
        }
        for r in rules
    ]
