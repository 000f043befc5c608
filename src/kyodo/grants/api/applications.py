"""/api/v1/grants/applications: the caller's visible applications (scoped like the staff pages),
one application in full, and submitting it (the community's secretariat or officers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from kyodo.access import api_require_perm, api_signed_in
from kyodo.api_paging import paginated
from kyodo.grants.api.inputs import GrantVersionIn
from kyodo.grants.applications import queries
from kyodo.grants.applications.amounts import CategoryComparison, Money, compare_categories, money
from kyodo.grants.applications.decisions import submit_application as submit
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW, AWARDED_STATES, ApplicationStatus
from kyodo.grants.models import ActualLine, ActualsReport, Application, Award, Settlement

router = Router(auth=django_auth)

PREPARE = "grants.prepare_application"


class GrantExpenseLineOut(Schema):
    category: str = Field(alias="category.code")
    category_name: str = Field(alias="category.name")
    description: str
    amount_yen: int


class GrantActualLineOut(GrantExpenseLineOut):
    id: int


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


class GrantChangeRequestOut(Schema):
    reason: str
    description: str
    previous_amount_yen: int
    requested_amount_yen: int
    status: str
    status_label: str = Field(alias="get_status_display")
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    decision_comment: str


class GrantPaymentOut(Schema):
    kind: str = Field(description="advance (概算払), final (精算払) or refund (返還).")
    kind_label: str = Field(alias="get_kind_display")
    amount_yen: int
    paid_on: dt.date


class GrantCategoryComparisonOut(Schema):
    category: str = Field(alias="category.code")
    category_name: str = Field(alias="category.name")
    planned_yen: int
    actual_yen: int
    allowed_yen: int = Field(description="The most the rule lets the actuals reach in this category.")
    over_yen: int


class GrantActualsReportOut(Schema):
    summary: str
    outcomes: str
    submitted_at: dt.datetime | None
    lines: list[GrantActualLineOut]
    total_yen: int
    categories: list[GrantCategoryComparisonOut]

    @staticmethod
    def resolve_total_yen(report: ActualsReport) -> int:
        return sum(line.amount_yen for line in report.lines.all())

    @staticmethod
    def resolve_categories(report: ActualsReport) -> list[CategoryComparison]:
        return compare_categories(report.application)


class GrantSettlementOut(Schema):
    award_yen: int
    actual_total_yen: int
    eligible_actuals_yen: int
    settled_yen: int
    notice_number: str
    settled_on: dt.date


class GrantMoneyOut(Schema):
    awarded_yen: int
    advance_yen: int
    final_yen: int
    refunded_yen: int
    paid_yen: int
    net_paid_yen: int = Field(description="Paid less refunded.")
    settled_yen: int | None
    balance_yen: int | None = Field(
        description="Settled − net paid: positive still to pay, negative to refund; null before settlement.")


class GrantApplicationOut(Schema):
    id: int
    program: str = Field(alias="program.code")
    community: str = Field(alias="community.slug")
    fiscal_year: int
    title: str
    status: str
    status_label: str = Field(alias="get_status_display")
    requested_yen: int
    version: int
    submitted_at: dt.datetime | None


class GrantApplicationDetailOut(GrantApplicationOut):
    purpose: str
    lines: list[GrantExpenseLineOut]
    award: GrantAwardOut | None
    change_requests: list[GrantChangeRequestOut]
    payments: list[GrantPaymentOut]
    actuals_report: GrantActualsReportOut | None
    settlement: GrantSettlementOut | None
    money: GrantMoneyOut
    transitions: list[GrantTransitionOut]
    allowed_actions: list[str] = Field(description="The workflow actions the caller may take now.")

    @staticmethod
    def resolve_award(application: Application) -> Award | None:
        return getattr(application, "award", None) if application.status in AWARDED_STATES else None

    @staticmethod
    def resolve_actuals_report(application: Application) -> ActualsReport | None:
        return getattr(application, "actuals_report", None)

    @staticmethod
    def resolve_settlement(application: Application) -> Settlement | None:
        return getattr(application, "settlement", None)

    @staticmethod
    def resolve_money(application: Application) -> Money:
        return money(application)

    @staticmethod
    def resolve_allowed_actions(application: Application, context: Any) -> list[str]:
        return [action.name for action in APPLICATION_WORKFLOW.allowed_actions(application, context["request"].user)]


def visible_application(request: HttpRequest, application_id: int) -> Application:
    """The application with everything its detail shows, in a fixed number of queries
    (Http404 when the caller may not see it)."""
    application = queries.application_detail(request.user, application_id)
    report = getattr(application, "actuals_report", None)
    if report is not None:
        prefetch_related_objects([report], Prefetch("lines", queryset=ActualLine.objects.select_related("category")))
    return application


@router.get("/applications", response=list[GrantApplicationOut], summary="補助金の申請の一覧 / List applications")
@paginated
@api_signed_in
def list_applications(request: HttpRequest, status: ApplicationStatus | None = None) -> QuerySet[Application]:
    """The caller's visible applications (the same scope as the staff queue), newest fiscal year first."""
    return queries.review_queue(request.user, status or "")


@router.get("/applications/{application_id}", response=GrantApplicationDetailOut,
            summary="補助金の申請 / One application")
@api_require_perm("grants.see_application", load=visible_application)
def get_application(request: HttpRequest, application: Application) -> Application:
    """One application with its lines, award, change requests, payments, actuals report (with the
    planned/actual/allowed comparison per category), settlement, money summary and timeline, and
    the actions the caller may take now (404 when not visible to the caller)."""
    return application


@router.post("/applications/{application_id}/submit", response=GrantApplicationDetailOut,
             summary="補助金の申請を提出 / Submit an application")
@api_require_perm(PREPARE, load=visible_application)
def submit_application(request: HttpRequest, application: Application, payload: GrantVersionIn) -> Application:
    """Submit a draft or returned application (the community's secretariat or officers).

    409 when someone changed it since ``version`` or its state does not allow submitting;
    422 with every problem in ``errors`` (window, lines, categories, amount)."""
    submit(application, actor=request.user, version=payload.version)
    return visible_application(request, application.pk)
