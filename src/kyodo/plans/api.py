"""/api/v1/plans: the city's promotion plans, their policies, measures and schedules (public, read-only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Router, Schema
from pydantic import Field

from kyodo.access import public
from kyodo.api_errors import ErrorOut
from kyodo.plans import queries
from kyodo.plans.models import Measure, MeasureSchedule, PromotionPlan

router = Router(tags=["推進計画 / plans"])

PlanNumber = Annotated[int, Path(ge=1, le=32767, description="計画の次数 (第2次計画なら 2)")]
MeasureNumber = Annotated[int, Path(ge=1, le=32767, description="事業番号 (事業1なら 1)")]


class MeasureScheduleOut(Schema):
    start_fiscal_year: int = Field(description="開始年度(西暦。2019 = 令和元年度)")
    end_fiscal_year: int = Field(description="終了年度(西暦)")
    period_label: str = Field(description="期間の表示(和暦と西暦)")
    text: str = Field(description="実施内容")


class DepartmentOut(Schema):
    name: str
    division: str


class MeasureOut(Schema):
    number: int = Field(description="事業番号")
    title: str = Field(description="施策・事業")
    content: str = Field(description="事業内容")
    department: DepartmentOut | None = Field(description="所管課")
    partner: str = Field(description="連携先")
    url: str
    schedules: list[MeasureScheduleOut]


class PolicyOut(Schema):
    number: int = Field(description="基本方針の番号 (1)–(5)")
    title: str
    description: str
    measures: list[MeasureOut]


class BasicIdeaOut(Schema):
    order: int
    title: str
    text: str


class PlanAssessmentOut(Schema):
    kind: str = Field(description="achievement (成果) / open_issue (課題)")
    order: int
    title: str
    text: str


class PromotionPlanSummaryOut(Schema):
    number: int = Field(description="次数")
    title: str
    subtitle: str
    start_fiscal_year: int
    end_fiscal_year: int
    period_label: str
    adopted_on: dt.date | None = Field(description="策定日(月の1日: 策定は月単位で示されます)")
    is_current: bool
    url: str


class PromotionPlanOut(PromotionPlanSummaryOut):
    background: str = Field(description="取組の経過")
    purpose: str = Field(description="目的")
    positioning: str = Field(description="位置付け")
    aim_title: str = Field(description="目指す姿")
    aim_text: str
    fiscal_years: list[int]
    basic_ideas: list[BasicIdeaOut]
    assessments: list[PlanAssessmentOut] = Field(description="成果と課題")
    policies: list[PolicyOut]


class PromotionPlanRefOut(Schema):
    number: int
    title: str
    url: str


class PolicyRefOut(Schema):
    number: int
    title: str


class MeasureDetailOut(MeasureOut):
    plan: PromotionPlanRefOut
    policy: PolicyRefOut


def _schedule(schedule: MeasureSchedule) -> MeasureScheduleOut:
    return MeasureScheduleOut(
        start_fiscal_year=schedule.start_fiscal_year, end_fiscal_year=schedule.end_fiscal_year,
        period_label=schedule.period_label, text=schedule.text,
    )


def _measure_fields(request: HttpRequest, measure: Measure, plan_number: int) -> dict[str, object]:
    department = measure.department
    return {
        "number": measure.number, "title": measure.title, "content": measure.content,
        "department": DepartmentOut(name=department.name, division=department.division) if department else None,
        "partner": measure.partner,
        "url": request.build_absolute_uri(reverse("plans:measure", args=[plan_number, measure.number])),
        "schedules": [_schedule(s) for s in measure.schedules.all()],
    }


def _summary_fields(request: HttpRequest, plan: PromotionPlan) -> dict[str, object]:
    return {
        "number": plan.number, "title": plan.title, "subtitle": plan.subtitle,
        "start_fiscal_year": plan.start_fiscal_year, "end_fiscal_year": plan.end_fiscal_year,
        "period_label": plan.period_label, "adopted_on": plan.adopted_on, "is_current": plan.is_current,
        "url": request.build_absolute_uri(plan.get_absolute_url()),
    }


@router.get("", response=list[PromotionPlanSummaryOut], summary="推進計画の一覧 / List promotion plans")
@public
def list_plans(request: HttpRequest) -> list[PromotionPlanSummaryOut]:
    """Every plan, newest first."""
    return [PromotionPlanSummaryOut(**_summary_fields(request, plan)) for plan in queries.plans_in_order()]


@router.get(
    "/{number}", response={200: PromotionPlanOut, 404: ErrorOut}, summary="推進計画 / One plan, with its contents"
)
@public
def get_plan(request: HttpRequest, number: PlanNumber) -> PromotionPlanOut:
    """The plan 第{number}次 with its basic ideas, assessments, policies, measures and schedules."""
    plan = queries.plan_by_number(number)
    return PromotionPlanOut(
        **_summary_fields(request, plan),
        background=plan.background, purpose=plan.purpose, positioning=plan.positioning,
        aim_title=plan.aim_title, aim_text=plan.aim_text,
        fiscal_years=[fy.year for fy in plan.fiscal_years],
        basic_ideas=[BasicIdeaOut(order=i.order, title=i.title, text=i.text) for i in plan.basic_ideas.all()],
        assessments=[
            PlanAssessmentOut(kind=a.kind, order=a.order, title=a.title, text=a.text) for a in plan.assessments.all()
        ],
        policies=[
            PolicyOut(
                number=policy.number, title=policy.title, description=policy.description,
                measures=[MeasureOut(**_measure_fields(request, m, plan.number)) for m in policy.measures.all()],
            )
            for policy in plan.policies.all()
        ],
    )


@router.get(
    "/{number}/measures/{measure}", response={200: MeasureDetailOut, 404: ErrorOut},
    summary="施策・事業 / One measure, with its schedule",
)
@public
def get_measure(request: HttpRequest, number: PlanNumber, measure: MeasureNumber) -> MeasureDetailOut:
    """事業{measure} of plan 第{number}次, with its policy, department and schedule."""
    found = queries.measure_by_number(number, measure)
    plan, policy = found.policy.plan, found.policy
    return MeasureDetailOut(
        **_measure_fields(request, found, plan.number),
        plan=PromotionPlanRefOut(
            number=plan.number, title=plan.title, url=request.build_absolute_uri(plan.get_absolute_url())
        ),
        policy=PolicyRefOut(number=policy.number, title=policy.title),
    )

