"""/api/v1/plans: the city's promotion plans, their policies, measures and schedules (public, read-only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Router, Schema
from pydantic import Field

from kyodo.access import api_public
from kyodo.api_errors import ErrorOut
from kyodo.api_paging import paginated
from kyodo.plans import queries
from kyodo.plans.models import Measure, PromotionPlan

router = Router(tags=["推進計画 / plans"])

PlanNumber = Annotated[int, Path(ge=1, le=32767, description="the plan's number (2 for the 2nd plan, 第2次)")]
MeasureNumber = Annotated[int, Path(ge=1, le=32767, description="the measure's number (1 for 事業1)")]


def _absolute(context: Any, path: str) -> str:
    """``path`` as an absolute URL of the request being answered."""
    return str(context["request"].build_absolute_uri(path))


class MeasureScheduleOut(Schema):
    start_fiscal_year: int = Field(description="first fiscal year (Western; 2019 = R1, 令和元年度)")
    end_fiscal_year: int = Field(description="last fiscal year (Western)")
    period_label: str = Field(description="the period as shown (Japanese era and Western year)")
    text: str = Field(description="what is done in those years (実施内容)")


class DepartmentOut(Schema):
    name: str
    division: str


class MeasureOut(Schema):
    number: int = Field(description="measure number (事業番号)")
    title: str = Field(description="title of the measure (施策・事業)")
    content: str = Field(description="what the measure does (事業内容)")
    department: DepartmentOut | None = Field(description="division in charge (所管課)")
    partner: str = Field(description="partners (連携先)")
    url: str
    schedules: list[MeasureScheduleOut]

    @staticmethod
    def resolve_url(measure: Measure, context: Any) -> str:
        return _absolute(context, reverse("plans:measure", args=[measure.policy.plan.number, measure.number]))


class PolicyOut(Schema):
    number: int = Field(description="number of the basic policy, (1)–(5) (基本方針)")
    title: str
    description: str
    measures: list[MeasureOut]


class BasicIdeaOut(Schema):
    order: int
    title: str
    text: str


class PlanAssessmentOut(Schema):
    kind: str = Field(description="achievement (成果) or open_issue (課題)")
    order: int
    title: str
    text: str


class PromotionPlanSummaryOut(Schema):
    number: int = Field(description="the plan's number (次数)")
    title: str
    subtitle: str
    start_fiscal_year: int
    end_fiscal_year: int
    period_label: str
    adopted_on: dt.date | None = Field(description="adopted on (策定日): the 1st of the month plans give")
    is_current: bool
    url: str

    @staticmethod
    def resolve_url(plan: PromotionPlan, context: Any) -> str:
        return _absolute(context, plan.get_absolute_url())


class PromotionPlanOut(PromotionPlanSummaryOut):
    background: str = Field(description="background (取組の経過)")
    purpose: str = Field(description="purpose (目的)")
    positioning: str = Field(description="positioning (位置付け)")
    aim_title: str = Field(description="the aim (目指す姿)")
    aim_text: str
    fiscal_years: list[int]
    basic_ideas: list[BasicIdeaOut]
    assessments: list[PlanAssessmentOut] = Field(description="achievements and open issues (成果と課題)")
    policies: list[PolicyOut]

    @staticmethod
    def resolve_fiscal_years(plan: PromotionPlan) -> list[int]:
        return [fiscal_year.year for fiscal_year in plan.fiscal_years]


class PromotionPlanRefOut(Schema):
    number: int
    title: str
    url: str

    @staticmethod
    def resolve_url(plan: PromotionPlan, context: Any) -> str:
        return _absolute(context, plan.get_absolute_url())


class PolicyRefOut(Schema):
    number: int
    title: str


class MeasureDetailOut(MeasureOut):
    plan: PromotionPlanRefOut = Field(alias="policy.plan")
    policy: PolicyRefOut


@router.get("", response=list[PromotionPlanSummaryOut], summary="推進計画の一覧 / List promotion plans")
@paginated
@api_public
def list_plans(request: HttpRequest) -> QuerySet[PromotionPlan]:
    """Every plan, newest first."""
    return queries.plans_in_order()


@router.get(
    "/{number}", response={200: PromotionPlanOut, 404: ErrorOut}, summary="推進計画 / One plan, with its contents"
)
@api_public
def get_plan(request: HttpRequest, number: PlanNumber) -> PromotionPlan:
    """The plan 第{number}次 with its basic ideas, assessments, policies, measures and schedules."""
    return queries.plan_by_number(number)


@router.get(
    "/{number}/measures/{measure}", response={200: MeasureDetailOut, 404: ErrorOut},
    summary="施策・事業 / One measure, with its schedule",
)
@api_public
def get_measure(request: HttpRequest, number: PlanNumber, measure: MeasureNumber) -> Measure:
    """事業{measure} of plan 第{number}次, with its policy, department and schedule."""
    return queries.measure_by_number(number, measure)
