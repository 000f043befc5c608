"""/api/v1/companies: companies and their published partnerships (public), and the staff's partnerships:
create a draft, and the workflow's steps (submit, publish, return, withdraw, reopen)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import Field

from kyodo.access import api_public, api_require_perm
from kyodo.api_inputs import FiscalYearParam, Text, Version
from kyodo.api_paging import paginated
from kyodo.companies import queries, services
from kyodo.companies.forms import PartnershipForm
from kyodo.companies.models import Company, Partnership
from kyodo.companies.workflow import PARTNERSHIP_WORKFLOW
from kyodo.query_params import MAX_ID

router = Router(tags=["companies"])
staff = Router(auth=django_auth)


class PartnershipOut(Schema):
    id: int
    title: str
    company: str = Field(alias="company.name")
    company_slug: str = Field(alias="company.slug")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    community_slug: str | None = None
    fiscal_year: int
    started_on: dt.date | None
    ended_on: dt.date | None
    description: str
    is_demo_data: bool

    @staticmethod
    def resolve_community_slug(partnership: Partnership) -> str | None:
        return partnership.community.slug if partnership.community is not None else None


class CompanyOut(Schema):
    name: str
    slug: str
    description: str
    address: str
    website: str
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")
    partnerships: list[str]

    @staticmethod
    def resolve_partnerships(company: Company) -> list[str]:
        return [partnership.title for partnership in getattr(company, "shown_partnerships", [])]


class PublicFilters(Schema):
    q: str = Field("", max_length=100, description="words (width and kana folded)")
    kind: str = Field("", max_length=16, description="event | skills | goods | volunteering | other")
    community: str = Field("", max_length=60, description="community slug")
    area: str = Field("", max_length=50, description="branch office slug (the area)")

    def filters(self) -> queries.Filters:
        kind = self.kind.strip()
        return queries.Filters(kind=kind if kind in Partnership.Kind.values else "", community=self.community.strip(),
                               area=self.area.strip(), text=self.q.strip())


@router.get("/companies", response=list[CompanyOut], summary="参画している企業 / Participating companies")
@paginated
@api_public
def list_companies(request: HttpRequest, filters: Query[PublicFilters]) -> Any:
    return queries.public_companies(filters.filters())


@router.get("/partnerships", response=list[PartnershipOut], summary="企業の参画の取組 / Published partnerships")
@paginated
@api_public
def list_partnerships(request: HttpRequest, filters: Query[PublicFilters]) -> Any:
    return queries.public_partnerships(filters.filters())


class StaffPartnershipOut(PartnershipOut):
    status: str
    status_label: str = Field(alias="get_status_display")
    version: int


class PartnershipIn(Schema):
    title: Text(100)  # type: ignore[valid-type]
    kind: str = Field(max_length=16, description="event | skills | goods | volunteering | other")
    community: int | None = Field(None, ge=1, le=MAX_ID, description="community id (optional)")
    fiscal_year: FiscalYearParam
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    description: Text(2000)  # type: ignore[valid-type]


class StepIn(Schema):
    version: Version
    comment: Text(1000) = ""  # type: ignore[valid-type]


def _partnership(request: HttpRequest, partnership_id: int) -> Partnership:
    return queries.staff_partnership(request, partnership_id)


@staff.get("/staff/partnerships", response=list[StaffPartnershipOut],
           summary="企業の参画の取組(職員・企業) / The caller's partnerships")
@paginated
@api_require_perm("companies.list_partnerships")
def list_staff_partnerships(request: HttpRequest) -> Any:
    return queries.staff_partnerships(request.user)


@staff.post("/staff/partnerships", response={201: StaffPartnershipOut},
            summary="取組を登録する / Create a draft partnership")
@api_require_perm("companies.create_partnership")
def create_partnership(request: HttpRequest, payload: PartnershipIn) -> Status[Partnership]:
    form = PartnershipForm(data={key: "" if value is None else str(value) for key, value in payload.dict().items()})
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    created = services.create_partnership(actor=request.user, **form.changes())
    return Status(201, queries.staff_partnership(request, created.pk))


def _step(name: str) -> None:
    action = PARTNERSHIP_WORKFLOW.action(name)

    @staff.post(f"/staff/partnerships/{{partnership_id}}/{action.slug}", response=StaffPartnershipOut,
                summary=f"{action.label} / {name}")
    @api_require_perm(action.permission, load=_partnership)
    def step(request: HttpRequest, partnership: Partnership, payload: StepIn) -> Partnership:
        if name == "return" and not payload.comment.strip():
            raise ValidationError({"comment": _("差し戻す理由を入力してください。")})
        PARTNERSHIP_WORKFLOW.service_for(name)(partnership, actor=request.user, version=payload.version,
                                               comment=payload.comment)
        return queries.staff_partnership(request, partnership.pk)

    step.__name__ = f"{name}_partnership"


for _name in PARTNERSHIP_WORKFLOW.actions:
    _step(_name)

router.add_router("", staff)
