"""/api/v1/participation: public volunteer opportunities, and the hosts' actions.

Public operations show public facts only. The hosts' operations are scoped like their pages: their
opportunities, an opportunity's sign-ups (each read logged, like the page), confirming a sign-up,
recording attendance and the workflow's steps.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from kyodo.access import api_public, api_require_perm
from kyodo.api_paging import paginated
from kyodo.audit.services import record_event
from kyodo.participation import queries, signing_up
from kyodo.participation.models import Opportunity, Signup, Tag
from kyodo.participation.publishing import OPPORTUNITY_WORKFLOW

router = Router(tags=["participation"])
staff = Router(auth=django_auth)


class OpportunityOut(Schema):
    id: int
    title: str
    community: str = Field(alias="community.name")
    community_slug: str = Field(alias="community.slug")
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    address: str
    status: str
    capacity: int
    places_left: int
    signup_opens_at: dt.datetime
    signup_closes_at: dt.datetime
    is_for_students: bool
    is_for_families: bool
    needs_no_experience: bool
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")


class OpportunityDetailOut(OpportunityOut):
    description: str
    belongings: str
    contact: str


class OpportunityFilters(Schema):
    q: str = Field("", max_length=100, description="part of the title or place (width and kana folded)")
    community: str = Field("", max_length=60, description="slug of the hosting community")
    district: int | None = Field(None, ge=1, le=2_147_483_647, description="district id")
    tag: Tag | None = Field(None, description="students / families / no_experience")
    on: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="activities on this day (YYYY-MM-DD)")


@router.get("", response=list[OpportunityOut], summary="ボランティア募集の一覧 / Upcoming opportunities")
@paginated
@api_public
def list_opportunities(request: HttpRequest, filters: Query[OpportunityFilters]) -> QuerySet[Opportunity]:
    """Published, closed and cancelled opportunities that have not ended, soonest first."""
    try:
        on = dt.date.fromisoformat(filters.on) if filters.on else None
    except ValueError:
        raise ValidationError({"on": gettext("日付を正しく入力してください。")}) from None
    return queries.public_opportunities(queries.Filters(
        text=filters.q.strip(), community=filters.community.strip(), district=filters.district,
        tag=filters.tag.value if filters.tag else "", on=on))


@router.get("/{opportunity_id}", response=OpportunityDetailOut, summary="ボランティア募集 / One opportunity")
@api_public
def get_opportunity(request: HttpRequest, opportunity_id: int) -> Opportunity:
    return queries.public_opportunity(opportunity_id)


class ManagedOut(OpportunityOut):
    applied: int
    confirmed: int
    version: int


class SignupOut(Schema):
    id: int
    name: str
    name_kana: str
    contact: str
    age_band: str
    community: str | None = Field(None, alias="community.name")
    status: str
    signed_up_at: dt.datetime
    attended_at: dt.datetime | None


class StepIn(Schema):
    version: int = Field(ge=1)
    comment: str = Field("", max_length=1000)


class AttendanceIn(Schema):
    attended: bool = True


def managed(request: HttpRequest, opportunity_id: int) -> Opportunity:
    return queries.managed_opportunity(request, opportunity_id)


def managed_signup(request: HttpRequest, opportunity_id: int, signup_id: int) -> Signup:
    signup: Signup = get_object_or_404(Signup.objects.select_related("opportunity", "community"), pk=signup_id,
                                       opportunity_id=opportunity_id)
    return signup


@staff.get("/staff/opportunities", response=list[ManagedOut], summary="募集の管理 / The caller's opportunities")
@paginated
@api_require_perm("participation.list_opportunities")
def list_managed(request: HttpRequest) -> QuerySet[Opportunity]:
    return queries.managed_opportunities(request.user)


@staff.get("/staff/opportunities/{opportunity_id}/signups", response=list[SignupOut],
           summary="申込者 / An opportunity's sign-ups (logged)")
@api_require_perm("participation.manage_opportunity", load=managed)
def list_signups(request: HttpRequest, opportunity: Opportunity) -> list[Signup]:
    signups = queries.signups(opportunity)
    with transaction.atomic():
        record_event("opportunity.signups_viewed", actor=request.user, target=opportunity, summary=opportunity.title,
                     data={"count": len(signups), "page": "api"})
    return signups


@staff.post("/staff/opportunities/{opportunity_id}/signups/{signup_id}/confirm", response=SignupOut,
            summary="申込みを確定 / Confirm a sign-up")
@api_require_perm("participation.manage_signup", load=managed_signup)
def confirm_signup(request: HttpRequest, signup: Signup) -> Signup:
    return signing_up.confirm_signup(signup, actor=request.user)


@staff.post("/staff/opportunities/{opportunity_id}/signups/{signup_id}/attendance", response=SignupOut,
            summary="参加を記録 / Record attendance")
@api_require_perm("participation.manage_signup", load=managed_signup)
def record_attendance(request: HttpRequest, signup: Signup, payload: AttendanceIn) -> Signup:
    return signing_up.mark_attended(signup, actor=request.user, attended=payload.attended)


def _step(name: str) -> None:
    action = OPPORTUNITY_WORKFLOW.action(name)

    @staff.post(f"/staff/opportunities/{{opportunity_id}}/{action.slug}", response=ManagedOut,
                summary=f"{action.label} / {name}")
    @api_require_perm(action.permission, load=managed)
    def step(request: HttpRequest, opportunity: Opportunity, payload: StepIn) -> Opportunity:
        OPPORTUNITY_WORKFLOW.service_for(name)(opportunity, actor=request.user, version=payload.version,
                                               comment=payload.comment)
        return queries.managed_opportunity(request, opportunity.pk)

    step.__name__ = f"{name}_opportunity"


for _name in OPPORTUNITY_WORKFLOW.actions:
    _step(_name)

router.add_router("", staff)
