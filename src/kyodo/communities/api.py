"""/api/v1/communities: the public directory, each community's public profile, branch offices, districts.

Public fields only, for every caller: officers appear as position and term, never name or age band.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kyodo.access import api_public
from kyodo.api_paging import paginated
from kyodo.communities import queries
from kyodo.communities.models import BranchOffice, Community, PlanInitiative

router = Router(tags=["communities"])


class BranchOfficeOut(Schema):
    slug: str
    name: str
    name_en: str
    area_name: str
    is_head_office: bool


class DistrictOut(Schema):
    # Read from a queries.DistrictRow: the district and its latest figure (if any).
    id: int = Field(alias="district.pk")
    name: str = Field(alias="district.name")
    name_kana: str = Field(alias="district.name_kana")
    branch_office: str = Field(alias="district.branch_office.slug", description="slug of the branch office")
    citizen_center_name: str = Field(alias="district.citizen_center_name")
    is_demo_data: bool = Field(alias="district.is_demo_data")
    fiscal_year: int | None = Field(None, alias="latest_figure.fiscal_year",
                                    description="fiscal year of the latest figures")
    population: int | None = Field(None, alias="latest_figure.population")
    households: int | None = Field(None, alias="latest_figure.households")


class CommunitySummaryOut(Schema):
    slug: str
    name: str
    name_kana: str
    status: str
    status_label: str = Field(alias="get_status_display")
    founded_on: dt.date | None
    district: str = Field(alias="district.name")
    branch_office: str = Field(alias="district.branch_office.slug", description="slug of the branch office")
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")


class DirectoryFilters(Schema):
    q: str = Field("", max_length=100, description="part of the name, kana or district (width and kana folded)")
    branch: str = Field("", max_length=60, description="branch office slug")


class OfficerOut(Schema):
    position: str
    position_label: str = Field(alias="get_position_display")
    term_start: dt.date
    term_end: dt.date


class MemberOrganizationOut(Schema):
    name: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")


class GoalOut(Schema):
    order: int
    title: str
    description: str


class InitiativeOut(Schema):
    fiscal_year: int
    title: str
    description: str
    goal_order: int | None

    @staticmethod
    def resolve_goal_order(initiative: PlanInitiative) -> int | None:
        return initiative.goal.order if initiative.goal else None


class RevisionOut(Schema):
    revised_on: dt.date
    summary: str


class PlanOut(Schema):
    title: str
    start_fiscal_year: int
    end_fiscal_year: int
    vision: str
    adopted_on: dt.date
    goals: list[GoalOut]
    initiatives: list[InitiativeOut]
    revisions: list[RevisionOut]


class CommunityDetailOut(CommunitySummaryOut):
    description: str
    office_address: str
    office_phone: str
    website: str
    citizen_center_name: str = Field(alias="district.citizen_center_name")
    # Read from the profile the query assembled (officers in position order, the plan in force).
    officers: list[OfficerOut] = Field(alias="profile.officers")
    member_organizations: list[MemberOrganizationOut] = Field(alias="profile.member_organizations")
    plan: PlanOut | None = Field(alias="profile.plan")


@router.get("", response=list[CommunitySummaryOut], summary="地域協働体の一覧")
@paginated
@api_public
def list_communities(request: HttpRequest, filters: Query[DirectoryFilters]) -> QuerySet[Community]:
    """Communities, searched by name (partial, width and kana folded) and filtered by branch office."""
    return queries.public_directory(text=filters.q.strip(), branch_slug=filters.branch.strip())


@router.get("/branch-offices", response=list[BranchOfficeOut], summary="本庁・支所の一覧")
@paginated
@api_public
def list_branch_offices(request: HttpRequest) -> QuerySet[BranchOffice]:
    """The head office and branch offices, in display order."""
    return queries.branch_offices()


@router.get("/districts", response=list[DistrictOut], summary="地区の一覧(最新の人口・世帯数)")
@paginated
@api_public
def list_districts(request: HttpRequest) -> list[queries.DistrictRow]:
    """Every district with its most recent population and households."""
    return queries.districts_with_latest_figure()


@router.get("/{slug}", response=CommunityDetailOut, summary="地域協働体の公開情報")
@api_public
def get_community(request: HttpRequest, slug: str) -> Community:
    """One community's public profile with its current plan. Officers: position and term only."""
    profile = queries.community_profile(slug)
    community = profile.community
    community.profile = profile  # type: ignore[attr-defined]
    return community
