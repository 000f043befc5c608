"""/api/v1/grants: the subsidy programs and their rules per fiscal year (public), entitlements
(staff, and a community's own), applications (signed-in users, scoped like the staff pages) and
the community's own actions on them, through the services of ``applications`` and ``lifecycle``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth
from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from kyodo.access import AccessPolicy, public
from kyodo.communities.models import Community
from kyodo.communities.queries import communities_in_scope
from kyodo.fiscal_years import FiscalYear
from kyodo.grants import actuals, changes, queries
from kyodo.grants.amounts import compare_categories, money
from kyodo.grants.decisions import submit_application as submit
from kyodo.grants.models import ActualLine, Application, ExpenseCategory, GrantProgram
from kyodo.grants.workflow import APPLICATION_WORKFLOW, AWARDED_STATES, ApplicationStatus, InvalidTransition
from kyodo.locking import StaleObject
from kyodo.workflows import SeparationOfDuties

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


# ---- access, strict input ---------------------------------------------------------------


def signed_in(func: Any) -> Any:
    """A signed-in user; ninja's ``django_auth`` answers 401 to anonymous callers."""
    func.access_policy = AccessPolicy("authenticated")
    return func


def requires(perm: str) -> Callable[[Any], Any]:
    """A signed-in user holding ``perm`` (checked in the operation, on the object it loads)."""

    def decorator(func: Any) -> Any:
        func.access_policy = AccessPolicy("perm", perm)
        return func

    return decorator


PREPARE = "grants.prepare_application"
MAX_YEN = 2_147_483_647  # the largest amount an amount column holds
MAX_VERSION = 2_147_483_647


def _whole_number(minimum: int, maximum: int, message: Any) -> Callable[[Any], int]:
    """Whole numbers only: a JSON integer, never a float, a boolean or a string like "12.5"."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise PydanticCustomError("whole_number", str(message))
        return value

    return check


def _text(max_length: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > max_length:
            raise PydanticCustomError("too_long", _("%(count)s文字以内で入力してください。") % {
                "count": f"{max_length:,}"})
        if "\x00" in value:
            raise PydanticCustomError("invalid_character", _("使用できない文字が含まれています。"))
        return value

    return check


def _strict_str(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", _("文字列で入力してください。"))
    return value


Version = Annotated[
    int,
    BeforeValidator(_whole_number(1, MAX_VERSION, _lazy("版数(version)は1以上の整数で指定してください。"))),
    Field(description="The version the caller read (optimistic locking).",
          json_schema_extra={"minimum": 1, "maximum": MAX_VERSION}),
]
# Amounts: the services check the ranges that depend on the application (entitlement, cap, ≥1).
Yen = Annotated[
    int,
    BeforeValidator(_whole_number(0, MAX_YEN, _lazy("金額は0円以上の整数(円単位)で入力してください。"))),
    Field(json_schema_extra={"minimum": 0, "maximum": MAX_YEN}),
]


def Text(max_length: int) -> Any:
    return Annotated[
        str,
        BeforeValidator(_strict_str),
        AfterValidator(_text(max_length)),
        Field(json_schema_extra={"maxLength": max_length}),
    ]


FiscalYearParam = Annotated[
    int,
    BeforeValidator(_whole_number(1989, 2100, _lazy("年度は1989から2100までの西暦で指定してください。"))),
    Field(description="Fiscal year (4月始まり), Western calendar.", json_schema_extra={"minimum": 1989,
                                                                                       "maximum": 2100}),
]


def _year_param(value: Any) -> Any:
    """Query strings carry text: "2026" is accepted, "2026.5" or "x" is not."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value


FiscalYearQuery = Annotated[FiscalYearParam, BeforeValidator(_year_param)]


# ---- entitlements -----------------------------------------------------------------------


class GrantEntitlementOut(Schema):
    program: str
    fiscal_year: int
    community: str = Field(description="The community's slug.")
    community_name: str
    eligible: bool
    reason: str
    amount_yen: int | None = Field(description="None: not eligible, no rule that year, or no figures.")
    figures_year: int | None = Field(description="The fiscal year whose population and households were used.")
    formula: str


class GrantCommunityEntitlementOut(Schema):
    program: str
    program_name: str
    fiscal_year: int
    has_rule: bool
    eligible: bool
    reason: str
    amount_yen: int | None
    figures_year: int | None
    formula: str


class EntitlementFilters(Schema):
    program: str | None = Field(None, description="A program's code, e.g. activity (default: every program).")
    fiscal_year: FiscalYearQuery | None = Field(None, description="Default: the current fiscal year.")


class CommunityYearFilter(Schema):
    fiscal_year: FiscalYearQuery | None = Field(None, description="Default: the current fiscal year.")


def _entitlement(program: GrantProgram, fiscal_year: int, row: queries.EntitlementRow) -> dict[str, Any]:
    return {
        "program": program.code, "fiscal_year": fiscal_year, "community": row.community.slug,
        "community_name": row.community.name, "eligible": row.eligible,
        "reason": row.reason, "amount_yen": row.amount_yen, "figures_year": row.figures_year,
        "formula": row.formula,
    }


@router.get(
    "/entitlements", response=list[GrantEntitlementOut], auth=django_auth,
    summary="交付見込額の一覧 / Every community's entitlement",
)
@requires("grants.view_grants")
def list_entitlements(request: HttpRequest, filters: Query[EntitlementFilters]) -> list[dict]:
    """Every community's eligibility, reason and amount under a program's rule of a fiscal year
    (default: every program, the current fiscal year), with the formula and the fiscal year whose
    figures were used. City administrators see every community, branch staff their branch's;
    others get 403; an unknown program 404."""
    if not request.user.has_perm("grants.view_grants"):
        raise PermissionDenied
    year = filters.fiscal_year or FiscalYear.current().year
    programs = GrantProgram.objects.all()
    if filters.program is not None:
        programs = programs.filter(code=filters.program)
        if not programs.exists():
            raise Http404
    scope = communities_in_scope(request.user)
    return [
        _entitlement(program, year, row)
        for program in programs
        for row in queries.entitlements(program, year, communities=scope)
    ]


@router.get(
    "/communities/{slug}/entitlements", response=list[GrantCommunityEntitlementOut], auth=django_auth,
    summary="地域協働体の交付見込額 / One community's entitlements",
)
@requires("communities.view_community_internal")
def community_entitlements(request: HttpRequest, slug: str, filters: Query[CommunityYearFilter]) -> list[dict]:
    """The community's entitlement under each program for a fiscal year (default: the current one):
    for its members, its liaison, its branch and the city (as the staff page)."""
    community = get_object_or_404(Community, slug=slug)
    if not request.user.has_perm("communities.view_community_internal", community):
        raise PermissionDenied
    year = filters.fiscal_year or FiscalYear.current().year
    return [
        {
            "program": item.program.code, "program_name": item.program.name, "fiscal_year": cell.fiscal_year.year,
            "has_rule": cell.rule is not None, "eligible": cell.row.eligible, "reason": cell.row.reason,
            "amount_yen": cell.row.amount_yen, "figures_year": cell.row.figures_year, "formula": cell.row.formula,
        }
        for item in queries.community_entitlements(community, [year])
        for cell in item.years
    ]


# ---- applications (signed-in users; scoped like the staff pages) --------------------------


class GrantExpenseLineOut(Schema):
    category: str
    category_name: str
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
    status_label: str
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    decision_comment: str


class GrantPaymentOut(Schema):
    kind: str = Field(description="advance (概算払), final (精算払) or refund (返還).")
    kind_label: str
    amount_yen: int
    paid_on: dt.date


class GrantCategoryComparisonOut(Schema):
    category: str
    category_name: str
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
    change_requests: list[GrantChangeRequestOut]
    payments: list[GrantPaymentOut]
    actuals_report: GrantActualsReportOut | None
    settlement: GrantSettlementOut | None
    money: GrantMoneyOut
    transitions: list[GrantTransitionOut]
    allowed_actions: list[str] = Field(description="The workflow actions the caller may take now.")


class GrantVersionIn(Schema):
    version: Version


class GrantChangeRequestIn(Schema):
    version: Version
    reason: Text(2000)  # type: ignore[valid-type]
    description: Text(2000)  # type: ignore[valid-type]
    requested_amount_yen: Yen


class GrantActualsIn(Schema):
    version: Version
    summary: Text(4000)  # type: ignore[valid-type]
    outcomes: Text(4000) = ""  # type: ignore[valid-type]


class GrantActualLineIn(Schema):
    version: Version
    category: Text(50) = Field(description="The expense category's code.")  # type: ignore[valid-type]
    description: Text(200) = ""  # type: ignore[valid-type]
    amount_yen: Yen


class GrantReportIn(Schema):
    version: Version
    comment: Text(2000) = ""  # type: ignore[valid-type]


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


def _line(line: Any) -> dict[str, Any]:
    return {"category": line.category.code, "category_name": line.category.name, "description": line.description,
            "amount_yen": line.amount_yen}


def _report(application: Application) -> dict[str, Any] | None:
    report = getattr(application, "actuals_report", None)
    if report is None:
        return None
    lines = list(report.lines.all())
    return {
        "summary": report.summary, "outcomes": report.outcomes, "submitted_at": report.submitted_at,
        "lines": [{"id": line.pk, **_line(line)} for line in lines],
        "total_yen": sum(line.amount_yen for line in lines),
        "categories": [
            {"category": row.category.code, "category_name": row.category.name, "planned_yen": row.planned_yen,
             "actual_yen": row.actual_yen, "allowed_yen": row.allowed_yen, "over_yen": row.over_yen}
            for row in compare_categories(application)
        ],
    }


def _detail(application: Application, user: Any) -> dict[str, Any]:
    awarded = application.status in AWARDED_STATES
    award = getattr(application, "award", None) if awarded else None
    settlement = getattr(application, "settlement", None)
    paid = money(application)
    return {
        **_summary(application),
        "purpose": application.purpose,
        "lines": [_line(line) for line in application.lines.all()],
        "award": None if award is None else {
            "amount_yen": award.amount_yen, "decision_number": award.decision_number,
            "decided_on": award.decided_on, "conditions": award.conditions,
        },
        "change_requests": [
            {"reason": c.reason, "description": c.description, "previous_amount_yen": c.previous_amount_yen,
             "requested_amount_yen": c.requested_amount_yen, "status": c.status,
             "status_label": str(c.get_status_display()), "requested_at": c.requested_at,
             "decided_at": c.decided_at, "decision_comment": c.decision_comment}
            for c in application.change_requests.all()
        ],
        "payments": [
            {"kind": p.kind, "kind_label": str(p.get_kind_display()), "amount_yen": p.amount_yen,
             "paid_on": p.paid_on}
            for p in application.payments.all()
        ],
        "actuals_report": _report(application),
        "settlement": None if settlement is None else {
            "award_yen": settlement.award_yen, "actual_total_yen": settlement.actual_total_yen,
            "eligible_actuals_yen": settlement.eligible_actuals_yen, "settled_yen": settlement.settled_yen,
            "notice_number": settlement.notice_number, "settled_on": settlement.settled_on,
        },
        "money": {
            "awarded_yen": paid.awarded_yen, "advance_yen": paid.advance_yen, "final_yen": paid.final_yen,
            "refunded_yen": paid.refunded_yen, "paid_yen": paid.paid_yen, "net_paid_yen": paid.net_paid_yen,
            "settled_yen": paid.settled_yen, "balance_yen": paid.balance_yen,
        },
        "transitions": [
            {"from_status": t.from_status, "to_status": t.to_status, "action": t.action, "comment": t.comment,
             "occurred_at": t.occurred_at}
            for t in application.transitions.all()
        ],
        "allowed_actions": [a.name for a in APPLICATION_WORKFLOW.allowed_actions(application, user)],
    }


def _visible(request: HttpRequest, application_id: int) -> Application:
    """The application with everything the detail shows (constant queries; 404 when not visible)."""
    return queries.application_detail(request.user, application_id)


def _fresh_detail(request: HttpRequest, application_id: int) -> dict[str, Any]:
    application = queries.application_detail(request.user, application_id)
    report = getattr(application, "actuals_report", None)
    if report is not None:
        prefetch_related_objects([report], Prefetch("lines", queryset=ActualLine.objects.select_related("category")))
    return _detail(application, request.user)


def _field_errors(error: ValidationError) -> list[dict[str, Any]]:
    """A service's ValidationError as per-field errors (``loc`` names the body field when known)."""
    if not hasattr(error, "error_dict"):
        return [{"msg": message} for message in error.messages]
    return [
        {"loc": ["body", "payload", field], "msg": message}
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def _act(request: HttpRequest, application_id: int, action: Callable[[Application], Any]) -> dict[str, Any]:
    """Run a community action on the visible application, answering in the API's error format:
    403 without the permission, 409 stale version or wrong state, 422 with every problem."""
    application = _visible(request, application_id)
    if not request.user.has_perm(PREPARE, application):
        raise PermissionDenied
    try:
        action(application)
    except SeparationOfDuties as error:
        raise HttpError(403, str(error)) from error
    except (InvalidTransition, StaleObject) as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        raise NinjaValidationError(_field_errors(error)) from error
    return _fresh_detail(request, application_id)


@router.get(
    "/applications", response=list[GrantApplicationOut], auth=django_auth,
    summary="補助金の申請の一覧 / List applications",
)
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
    "/applications/{application_id}", response=GrantApplicationDetailOut, auth=django_auth,
    summary="補助金の申請 / One application",
)
@signed_in
def get_application(request: HttpRequest, application_id: int) -> dict:
    """One application with its lines, award, change requests, payments, actuals report (with the
    planned/actual/allowed comparison per category), settlement, money summary and timeline, and
    the actions the caller may take now (404 when not visible to the caller)."""
    return _fresh_detail(request, application_id)


@router.post(
    "/applications/{application_id}/submit", response=GrantApplicationDetailOut, auth=django_auth,
    summary="補助金の申請を提出 / Submit an application",
)
@signed_in
def submit_application(request: HttpRequest, application_id: int, payload: GrantVersionIn) -> dict:
    """Submit a draft or returned application (the community's secretariat or officers).

    409 when someone changed it since ``version`` or its state does not allow submitting;
    422 with every problem in ``errors`` (window, lines, categories, amount)."""
    application = queries.application_detail(request.user, application_id)
    try:
        submit(application, actor=request.user, version=payload.version)
    except (InvalidTransition, StaleObject) as error:
        raise HttpError(409, str(error)) from error
    except ValidationError as error:
        raise NinjaValidationError([{"msg": message} for message in error.messages]) from error
    return _fresh_detail(request, application_id)


@router.post(
    "/applications/{application_id}/request-change", response=GrantApplicationDetailOut, auth=django_auth,
    summary="変更承認を申請 / Request a change to the award",
)
@requires(PREPARE)
def request_change(request: HttpRequest, application_id: int, payload: GrantChangeRequestIn) -> dict:
    """The community asks to change its awarded application: a reason, what changes and the new
    amount (whole yen, within the entitlement and the cap). 409 when the version is stale or the
    application is not awarded; 422 with per-field messages."""
    return _act(request, application_id, lambda application: changes.request_change_application(
        application, actor=request.user, version=payload.version, reason=payload.reason,
        description=payload.description, requested_amount_yen=payload.requested_amount_yen))


@router.put(
    "/applications/{application_id}/actuals", response=GrantApplicationDetailOut, auth=django_auth,
    summary="実績報告の内容を保存 / Save the actuals report's text",
)
@requires(PREPARE)
def save_actuals(request: HttpRequest, application_id: int, payload: GrantActualsIn) -> dict:
    """Write what was done and what came of it, while the application is awarded or its report
    was returned. 409 when the version is stale or the report may not change now."""
    return _act(request, application_id, lambda application: actuals.save_actuals_report(
        application, actor=request.user, version=payload.version, summary=payload.summary,
        outcomes=payload.outcomes))


@router.post(
    "/applications/{application_id}/actuals/lines", response=GrantApplicationDetailOut, auth=django_auth,
    summary="実績報告に支出を追加 / Add a line of actual spending",
)
@requires(PREPARE)
def add_actual_line(request: HttpRequest, application_id: int, payload: GrantActualLineIn) -> dict:
    """Add a line of actual spending: an eligible expense category (by code) and whole yen ≥ 1.
    422 for an unknown or ineligible category or a bad amount; 409 when the version is stale."""

    def add(application: Application) -> None:
        category = ExpenseCategory.objects.filter(code=payload.category).first()
        if category is None:
            raise ValidationError({"category": _("経費区分「%(code)s」はありません。") % {"code": payload.category}})
        actuals.add_actual_line(application, actor=request.user, version=payload.version, category=category,
                                  description=payload.description, amount_yen=payload.amount_yen)

    return _act(request, application_id, add)


@router.delete(
    "/applications/{application_id}/actuals/lines/{line_id}", response=GrantApplicationDetailOut,
    auth=django_auth, summary="実績報告の支出を削除 / Remove a line of actual spending",
)
@requires(PREPARE)
def remove_actual_line(request: HttpRequest, application_id: int, line_id: int, payload: GrantVersionIn) -> dict:
    """Remove a line of the actuals report; ``version`` is sent in the JSON body. 404 for a line of
    another application; 409 when the version is stale or the report may not change now."""

    def remove(application: Application) -> None:
        line = get_object_or_404(ActualLine.objects.select_related("report__application"), pk=line_id,
                                 report__application=application)
        actuals.remove_actual_line(line, actor=request.user, version=payload.version)

    return _act(request, application_id, remove)


@router.post(
    "/applications/{application_id}/report", response=GrantApplicationDetailOut, auth=django_auth,
    summary="実績を報告 / Submit the actuals report",
)
@requires(PREPARE)
def report(request: HttpRequest, application_id: int, payload: GrantReportIn) -> dict:
    """Submit the actuals report (awarded, or report returned). 422 lists every problem: no
    summary or lines, ineligible categories, a category over its allowed amount, no receipt."""
    return _act(request, application_id, lambda application: actuals.report_application(
        application, actor=request.user, version=payload.version, comment=payload.comment))
