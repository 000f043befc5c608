"""/api/v1/practice: published activity reports (public), and the staff's steps on a report."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from kyodo.access import api_public, api_require_perm
from kyodo.api_paging import paginated
from kyodo.fiscal_years import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from kyodo.practice import queries
from kyodo.practice.models import PracticePhoto, PracticeReport
from kyodo.practice.workflow import REPORT_WORKFLOW

router = Router(tags=["practice"])
staff = Router(auth=django_auth)


class PhotoOut(Schema):
    url: str = Field(alias="get_absolute_url")
    caption: str
    width: int
    height: int


class ReportOut(Schema):
    id: int
    title: str
    community: str = Field(alias="community.name")
    community_slug: str = Field(alias="community.slug")
    district: str = Field(alias="community.district.name")
    held_on: dt.date
    fiscal_year: int
    themes: list[str]
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_themes(report: PracticeReport) -> list[str]:
        return [theme.slug for theme in report.themes.all()]


class ReportDetailOut(ReportOut):
    body: str
    photos: list[PhotoOut]

    @staticmethod
    def resolve_photos(report: PracticeReport) -> list[PracticePhoto]:
        return list(report.photos.all())


class ReportFilters(Schema):
    q: str = Field("", max_length=100, description="words in the title or body (width and kana folded)")
    theme: str = Field("", max_length=40, description="theme slug")
    community: str = Field("", max_length=60, description="community slug")
    district: int | None = Field(None, ge=1, le=2_147_483_647, description="district id")
    year: int | None = Field(None, ge=FIRST_FISCAL_YEAR, le=LAST_FISCAL_YEAR, description="fiscal year (2019 = R1)")


@router.get("/reports", response=list[ReportOut], summary="活動事例の一覧 / Published activity reports")
@paginated
@api_public
def list_reports(request: HttpRequest, filters: Query[ReportFilters]) -> QuerySet[PracticeReport]:
    return queries.public_reports(queries.Filters(
        theme=filters.theme.strip(), community=filters.community.strip(), district=filters.district,
        year=filters.year, text=filters.q.strip()))


@router.get("/reports/{report_id}", response=ReportDetailOut, summary="活動事例 / One published report")
@api_public
def get_report(request: HttpRequest, report_id: int) -> PracticeReport:
    return queries.public_report(report_id)


class StaffReportOut(ReportOut):
    status: str
    version: int


class StepIn(Schema):
    version: int = Field(ge=1)
    comment: str = Field("", max_length=1000)


def _report(request: HttpRequest, report_id: int) -> PracticeReport:
    return queries.staff_report(request, report_id)


@staff.get("/staff/reports", response=list[StaffReportOut], summary="活動事例の管理 / The caller's reports")
@paginated
@api_require_perm("practice.list_reports")
def list_staff_reports(request: HttpRequest) -> QuerySet[PracticeReport]:
    return queries.staff_reports(request.user)


def _step(name: str) -> None:
    action = REPORT_WORKFLOW.action(name)

    @staff.post(f"/staff/reports/{{report_id}}/{action.slug}", response=StaffReportOut,
                summary=f"{action.label} / {name}")
    @api_require_perm(action.permission, load=_report)
    def step(request: HttpRequest, report: PracticeReport, payload: StepIn) -> PracticeReport:
        if name == "unpublish" and not payload.comment.strip():
            from django.core.exceptions import ValidationError

            raise ValidationError({"comment": "公開を停止する理由を入力してください。"})
        REPORT_WORKFLOW.service_for(name)(report, actor=request.user, version=payload.version,
                                          comment=payload.comment)
        return queries.staff_report(request, report.pk)

    step.__name__ = f"{name}_report"


for _name in REPORT_WORKFLOW.actions:
    _step(_name)

router.add_router("", staff)
