"""/api/v1/communities: the public directory, each community's public profile, branch offices, districts.

Public fields only, for every caller: officers appear as position and term, never name or age band.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from kyodo.access import public
from kyodo.communities import queries
from kyodo.communities.models import Community, CommunityPlan

router = Router(tags=["communities"])


class BranchOfficeOut(Schema):
    slug: str
    name: str
    name_en: str
    area_name: str
    is_head_office: bool


class DistrictOut(Schema):
    id: int
    name: str
    name_kana: str
    branch_office: str = Field(description="slug of the branch office")
    citizen_center_name: str
    is_demo_data: bool
    fiscal_year: int | None = Field(None, description="fiscal year of the latest figures")
    population: int | None = None
    households: int | None = None


class CommunitySummaryOut(Schema):
    slug: str
    name: str
    name_kana: str
    status: str
    status_label: str
    founded_on: dt.date | None
    district: str
    branch_office: str = Field(description="slug of the branch office")
    is_demo_data: bool
    url: str


class CommunityPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CommunitySummaryOut]


class DirectoryFilters(Schema):
    q: str = Field("", max_length=100, description="part of the name, kana or district (width and kana folded)")
    branch: str = Field("", max_length=60, description="branch office slug")
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class OfficerOut(Schema):
    position: str
    position_label: str
    term_start: dt.date
    term_end: dt.date


class MemberOrganizationOut(Schema):
    name: str
    kind: str
    kind_label: str


class GoalOut(Schema):
    order: int
    title: str
    description: str


class InitiativeOut(Schema):
    fiscal_year: int
    title: str
    description: str
    goal_order: int | None


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
    citizen_center_name: str
    officers: list[OfficerOut]
    member_organizations: list[MemberOrganizationOut]
    plan: PlanOut | None


def _summary(community: Community) -> dict:
    return {
        "slug": community.slug,
        "name": community.name,
        "name_kana": community.name_kana,
        "status": community.status,
        "status_label": str(community.get_status_display()),
        "founded_on": community.founded_on,
        "district": community.district.name,
        "branch_office": community.district.branch_office.slug,
        "is_demo_data": community.is_demo_data,
        "url": community.get_absolute_url(),
    }


def _plan(plan: CommunityPlan | None) -> dict | None:
    if plan is None:
        return None
    return {
        "title": plan.title,
        "start_fiscal_year": plan.start_fiscal_year,
        "end_fiscal_year": plan.end_fiscal_year,
        "vision": plan.vision,
        "adopted_on": plan.adopted_on,
        "goals": [{"order": g.order, "title": g.title, "description": g.description} for g in plan.goals.all()],
        "initiatives": [
            {
                "fiscal_year": i.fiscal_year, "title": i.title, "description": i.description,
                "goal_order": i.goal.order if i.goal else None,
            }
            for i in plan.initiatives.all()
        ],
        "revisions": [{"revised_on": r.revised_on, "summary": r.summary} for r in plan.revisions.all()],
    }


@router.get("", response=CommunityPageOut, summary="地域協働体の一覧")
@public
def list_communities(request: HttpRequest, filters: Query[DirectoryFilters]) -> dict:
    """Communities, searched by name (partial, width and kana folded) and filtered by branch office."""
    communities = queries.public_directory(text=filters.q.strip(), branch_slug=filters.branch.strip())
    page = list(communities[filters.offset : filters.offset + filters.limit])
    return {
        "count": communities.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_summary(c) for c in page],
    }


@router.get("/branch-offices", response=list[BranchOfficeOut], summary="本庁・支所の一覧")
@public
def list_branch_offices(request: HttpRequest) -> list:
    """The head office and branch offices, in display order."""
    return list(queries.branch_offices())


@router.get("/districts", response=list[DistrictOut], summary="地区の一覧(最新の人口・世帯数)")
@public
def list_districts(request: HttpRequest) -> list[dict]:
    """Every district with its most recent population and households."""
    return [
        {
            "id": row.district.pk, "name": row.district.name, "name_kana": row.district.name_kana,
            "branch_office": row.district.branch_office.slug,
            "citizen_center_name": row.district.citizen_center_name, "is_demo_data": row.district.is_demo_data,
            "fiscal_year": row.latest_figure.fiscal_year if row.latest_figure else None,
            "population": row.latest_figure.population if row.latest_figure else None,
            "households": row.latest_figure.households if row.latest_figure else None,
        }
        for row in queries.districts_with_latest_figure()
    ]


@router.get("/{slug}", response=CommunityDetailOut, summary="地域協働体の公開情報")
@public
def get_community(request: HttpRequest, slug: str) -> dict:
    """One community's public profile with its current plan. Officers: position and term only."""
    profile = queries.community_profile(slug)
    community = profile.community
    return {
        **_summary(community),
        "description": community.description,
        "office_address": community.office_address,
        "office_phone": community.office_phone,
        "website": community.website,
        "citizen_center_name": community.district.citizen_center_name,
        "officers": [
            {
                "position": o.position, "position_label": str(o.get_position_display()),
                "term_start": o.term_start, "term_end": o.term_end,
            }
            for o in profile.officers
        ],
        "member_organizations": [
            {"name": m.name, "kind": m.kind, "kind_label": str(m.get_kind_display())}
            for m in profile.member_organizations
        ],
        "plan": _plan(profile.plan),
    }
