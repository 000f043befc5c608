"""/api/v1/grants/programs: the subsidy programs and each one's rule per fiscal year (public)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from kyodo.access import api_public
from kyodo.api_paging import paginated
from kyodo.grants.models import GrantProgram, ProgramRule

router = Router()


class GrantProgramOut(Schema):
    code: str
    name: str
    short_name: str
    measure_number: int
    description: str
    eligibility: str
    eligibility_label: str = Field(alias="get_eligibility_display")


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

    @staticmethod
    def resolve_eligible_categories(rule: ProgramRule) -> list[str]:
        return [category.code for category in rule.eligible_categories.all()]

    @staticmethod
    def resolve_ineligible_categories(rule: ProgramRule) -> list[str]:
        return [category.code for category in rule.ineligible_categories.all()]


@router.get("/programs", response=list[GrantProgramOut], summary="補助金制度の一覧")
@paginated
@api_public
def list_programs(request: HttpRequest) -> QuerySet[GrantProgram]:
    """The subsidy programs for community bodies."""
    return GrantProgram.objects.all()


@router.get("/programs/{code}/rules", response=list[GrantRuleOut], summary="補助金制度の年度別ルール")
@paginated
@api_public
def list_rules(request: HttpRequest, code: str) -> QuerySet[ProgramRule]:
    """A program's rule per fiscal year, newest first: amount formula, cap, rounding, budget, window."""
    program = get_object_or_404(GrantProgram, code=code)
    return program.rules.order_by("-fiscal_year").prefetch_related("eligible_categories", "ineligible_categories")
