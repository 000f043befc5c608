"""/api/v1/grants: the subsidy programs and their rules per fiscal year (public), and applications
(signed-in users, scoped like the staff pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth

from kyodo.access import AccessPolicy, public
from kyodo.grants import applications as services
from kyodo.grants import queries
from kyodo.grants.models import Application, GrantProgram
from kyodo.grants.workflow import ApplicationStatus, InvalidTransition
from kyodo.locking import StaleObject

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


# ---- applications (signed-in users; scoped like the staff pages) --------------------------


def signed_in(func: Any) -> Any:
    """A signed-in user; ninja's ``django_auth`` answers 401 to anonymous callers."""
    func.access_policy = AccessPolicy("authenticated")
    return func


class GrantExpenseLineOut(Schema):
    category: str
    category_name: str
    description: str
    amount_yen: int


class GrantAwardOut(Schema):
    amount_yen: int
    decision_number: str
    decided_on: dt.date
    conditions: str


class GrantTransitionOut(Schema):
    from_status: str
    to_status: str
    action: str
    comment: str
    occurred_at: dt.datetime


class GrantApplicationOut(Schema):
    id: int
    program: str
    community: str
    fiscal_year: int
    title: str
    status: str
    status_label: str
    requested_yen: int
    version: int
    submitted_at: dt.datetime | None


class GrantApplicationDetailOut(GrantApplicationOut):
    purpose: str
    lines: list[GrantExpenseLineOut]
    award: GrantAwardOut | None
    transitions: list[GrantTransitionOut]


class GrantVersionIn(Schema):
    version: int


def _summary(application: Application) -> dict[str, Any]:
    return {
        "id": application.pk,
        "program": application.program.code,
        "community": application.community.slug,
        "fiscal_year": application.fiscal_year,
        "title": application.title,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "requested_yen": application.requested_yen,
        "version": application.version,
        "submitted_at": application.submitted_at,
    }


def _detail(application: Application) -> dict[str, Any]:
    award = getattr(application, "award", None) if application.status == ApplicationStatus.AWARDED else None
    return {
        **_summary(application),
        "purpose": application.purpose,
        "lines": [
            {"category": line.category.code, "category_name": line.category.name,
             "description": line.description, "amount_yen": line.amount_yen}
            for line in application.lines.all()
        ],
        "award": None if award is None else {
            "amount_yen": award.amount_yen, "decision_number": award.decision_number,
            "decided_on": award.decided_on, "conditions": award.conditions,
        },
        "transitions": [
            {"from_status": t.from_status, "to_status": t.to_status, "action": t.action, "comment": t.comment,
             "occurred_at": t.occurred_at}
            for t in application.transitions.all()
        ],
    }


@router.get("/applications", response=list[GrantApplicationOut], auth=django_auth, summary="補助金の申請の一覧")
@signed_in
def list_applications(
    request: HttpRequest,
    status: ApplicationStatus | None = None,
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0),
) -> list[dict]:
    """The caller's visible applications (the same scope as the staff queue), newest fiscal year first."""
    queue = queries.review_queue(request.user, status or "")
    return [_summary(application) for application in queue[offset : offset + limit]]


@router.get(
    "/applications/{application_id}", response=GrantApplicationDetailOut, auth=django_auth, summary="補助金の申請"
)
@signed_in
def get_application(request: HttpRequest, application_id: int) -> dict:
    """One application with its lines, award and timeline (404 when not visible to the caller)."""
    return _detail(queries.application_detail(request.user, application_id))


@router.post(
    "/applications/{application_id}/submit",
    response=GrantApplicationDetailOut,
    auth=django_auth,
    summary="補助金の申請を提出",
)
@signed_in
def submit_application(request: HttpRequest, application_id: int, payload: GrantVersionIn) -> dict:
    """Submit a draft or returned application (the community's secretariat or officers).

    409 when someone changed it since ``version`` or its state does not allow submitting;
    422 with every problem in ``errors`` (window, lines, categories, amount)."""
    application = queries.application_detail(request.user, application_id)
    try:
        services.submit_application(application, actor=request.user, version=payload.version)
    except (InvalidTransition, StaleObject) as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        raise NinjaValidationError([{"msg": message} for message in error.messages]) from error
    return _detail(queries.application_detail(request.user, application_id))
