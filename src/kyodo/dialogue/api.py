"""/api/v1/dialogue: meetings and published opinions (public), and the staff's opinions and actions on them.

Public operations show public facts only (attendance as counts, no names; who answered is not shown). Staff
operations are scoped like the staff pages and call the same services; their refusals are answered by
kyodo.api_errors (409 stale or wrong state, 403, 422 with errors).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.security import django_auth

from kyodo.access import api_public, api_require_perm, api_signed_in
from kyodo.api_inputs import FiscalYearParam, Text, Version, Yen
from kyodo.api_paging import paginated
from kyodo.dialogue import meeting_queries, queries
from kyodo.dialogue.api_meetings import MeetingDetailOut, MeetingOut
from kyodo.dialogue.api_meetings import router as meetings_router
from kyodo.dialogue.models import Meeting, Opinion, OpinionStatus, Outcome
from kyodo.dialogue.outcomes import outcome_summary
from kyodo.dialogue.workflow import OPINION_WORKFLOW
from kyodo.plans.models import Department, Measure
from kyodo.query_params import MAX_ID

public_router = Router(tags=["dialogue"])
staff_router = Router(tags=["dialogue"], auth=django_auth)
# The staff's meetings and meeting requests (kyodo.dialogue.api_meetings).
staff_router.add_router("", meetings_router)


class PublishedOpinionOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    category: str = Field(alias="category.name")
    district: str = Field(alias="district.name")
    community: str | None = Field(None, alias="community.name")
    meeting_id: int | None
    fiscal_year: int
    received_on: dt.date
    departments: list[str]
    answer: str
    outcome: str
    outcome_label: str
    outcome_plan: str
    outcome_measure: str
    outcome_plan_measure_id: int | None
    outcome_fiscal_year: int | None
    outcome_budget_item: str
    outcome_amount_yen: int | None
    outcome_study_until: dt.date | None
    outcome_reason: str
    published_at: dt.datetime | None
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_departments(opinion: Opinion) -> list[str]:
        return [department.name for department in opinion.departments.all()]

    @staticmethod
    def resolve_outcome_label(opinion: Opinion) -> str:
        return outcome_summary(opinion)


class StaffOpinionOut(PublishedOpinionOut):
    status: str
    status_label: str = Field(alias="get_status_display")
    due_on: dt.date | None
    version: int
    allowed_actions: list[str]
    url: str = Field(alias="staff_url")

    @staticmethod
    def resolve_allowed_actions(opinion: Opinion, context: Any) -> list[str]:
        return [action.name for action in OPINION_WORKFLOW.allowed_actions(opinion, context["request"].user)]


class MeetingFiltersIn(Schema):
    kind: int | None = Field(None, ge=1, le=MAX_ID, description="meeting kind id")
    when: str = Field("", pattern="^(|upcoming|past)$", description="upcoming | past")


class OpinionFiltersIn(Schema):
    q: str = Field("", max_length=100, description="words in the title, opinion or answer (width and kana folded)")
    district: int | None = Field(None, ge=1, le=MAX_ID)
    category: int | None = Field(None, ge=1, le=MAX_ID)
    outcome: Outcome | None = None
    fiscal_year: int | None = Field(None, ge=1989, le=2100)


@public_router.get("/meetings", response=list[MeetingOut], summary="会議の一覧 / List meetings")
@paginated
@api_public
def list_meetings(request: HttpRequest, filters: Query[MeetingFiltersIn]) -> QuerySet[Meeting]:
    """Every meeting (planned, held, minutes published, cancelled), newest first."""
    return meeting_queries.meeting_list(meeting_queries.MeetingFilters(kind=filters.kind, when=filters.when))


@public_router.get("/meetings/{meeting_id}", response=MeetingDetailOut, summary="会議 / One meeting")
@api_public
def get_meeting(request: HttpRequest, meeting_id: int = Path(..., ge=1, le=MAX_ID)) -> Meeting:
    return meeting_queries.meeting_page(meeting_id)


@public_router.get("/opinions", response=list[PublishedOpinionOut],
                   summary="公開された意見と回答 / List published opinions and answers")
@paginated
@api_public
def list_published_opinions(request: HttpRequest, filters: Query[OpinionFiltersIn]) -> QuerySet[Opinion]:
    return queries.published_list(queries.PublicFilters(
        text=filters.q, district=filters.district, category=filters.category,
        outcome=filters.outcome.value if filters.outcome else "", fiscal_year=filters.fiscal_year))


@public_router.get("/opinions/{opinion_id}", response=PublishedOpinionOut,
                   summary="公開された意見と回答 / One published opinion")
@api_public
def get_published_opinion(request: HttpRequest, opinion_id: int = Path(..., ge=1, le=MAX_ID)) -> Opinion:
    return queries.published_opinion(opinion_id)


# ---- staff ------------------------------------------------------------------------------------


def visible_opinion(request: HttpRequest, opinion_id: int) -> Opinion:
    """The opinion (404 when unknown); the permission decides whether the caller may see or act."""
    return queries.load_opinion(request, opinion_id)


@staff_router.get("/staff/opinions", response=list[StaffOpinionOut],
                  summary="意見の一覧(職員) / The caller's opinions")
@paginated
@api_signed_in
def list_opinions(request: HttpRequest, status: OpinionStatus | None = None, overdue: bool = False) -> Any:
    """The opinions the caller sees (the same scope as the staff list), the earliest due first."""
    filters = queries.StaffFilters(status=status.value if status else "", overdue=overdue)
    return queries.staff_queue(request.user, filters)


@staff_router.get("/staff/opinions/{opinion_id}", response=StaffOpinionOut, summary="意見(職員) / One opinion")
@api_require_perm("dialogue.see_opinion", load=visible_opinion)
def get_opinion(request: HttpRequest, opinion: Opinion) -> Opinion:
    return opinion


class ActionIn(Schema):
    version: Version
    comment: Text(2000) = ""  # type: ignore[valid-type]


class RouteIn(ActionIn):
    departments: list[int] = Field(..., min_length=1, max_length=20)
    due_on: dt.date


class AnswerIn(ActionIn):
    answer: Text(5000)  # type: ignore[valid-type]
    outcome: Outcome
    outcome_plan_measure: int | None = Field(None, ge=1, le=MAX_ID,
                                             description="a measure of a plan in kyodo (plans API); else name it")
    outcome_plan: Text(200) = ""  # type: ignore[valid-type]
    outcome_measure: Text(200) = ""  # type: ignore[valid-type]
    outcome_fiscal_year: FiscalYearParam | None = None
    outcome_budget_item: Text(200) = ""  # type: ignore[valid-type]
    outcome_amount_yen: Yen | None = None
    outcome_study_until: dt.date | None = None
    outcome_reason: Text(2000) = ""  # type: ignore[valid-type]


def _act(request: HttpRequest, opinion: Opinion, action: str, **values: Any) -> Opinion:
    OPINION_WORKFLOW.service_for(action)(opinion, actor=request.user, **values)
    return visible_opinion(request, opinion.pk)


@staff_router.post("/staff/opinions/{opinion_id}/route", response=StaffOpinionOut,
                   summary="担当課に回す / Route to departments")
@api_require_perm("dialogue.route_opinion", load=visible_opinion)
def route_opinion(request: HttpRequest, opinion: Opinion, payload: RouteIn) -> Opinion:
    departments = list(Department.objects.filter(pk__in=payload.departments))
    if len(departments) != len(set(payload.departments)):
        raise ValidationError({"departments": _("選べない担当課です。")})
    return _act(request, opinion, "route", version=payload.version, comment=payload.comment,
                departments=departments, due_on=payload.due_on)


@staff_router.post("/staff/opinions/{opinion_id}/answer", response=StaffOpinionOut, summary="回答する / Answer")
@api_require_perm("dialogue.answer_opinion", load=visible_opinion)
def answer_opinion(request: HttpRequest, opinion: Opinion, payload: AnswerIn) -> Opinion:
    values = payload.dict()
    values["outcome"] = payload.outcome.value
    if payload.outcome_plan_measure is not None:
        values["outcome_plan_measure"] = Measure.objects.select_related("policy__plan").filter(
            pk=payload.outcome_plan_measure).first()
        if values["outcome_plan_measure"] is None:
            raise ValidationError({"outcome_plan_measure": _("選べない施策です。施策を選び直してください。")})
    return _act(request, opinion, "answer", **values)


def _simple(action: str, permission: str, summary: str) -> Any:
    @api_require_perm(permission, load=visible_opinion)
    def operation(request: HttpRequest, opinion: Opinion, payload: ActionIn) -> Opinion:
        return _act(request, opinion, action, version=payload.version, comment=payload.comment)

    operation.__name__ = operation.__qualname__ = f"{action}_opinion"
    staff_router.post(f"/staff/opinions/{{opinion_id}}/{action}", response=StaffOpinionOut, summary=summary)(
        operation)
    return operation


return_opinion = _simple("return", "dialogue.review_opinion", "回答を差し戻す / Return the answer")
review_opinion = _simple("review", "dialogue.review_opinion", "回答を確認する / Review the answer")
publish_opinion = _simple("publish", "dialogue.review_opinion", "回答を公開する / Publish the answer")

