"""Read side of communities: what each user may see, and the public directory."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from kyodo.communities import scopes
from kyodo.communities.models import (
    AgeBand,
    BranchOffice,
    Community,
    CommunityPlan,
    District,
    DistrictFigure,
    MemberOrganization,
    Officer,
    PlanInitiative,
)
from kyodo.fiscal_years import FiscalYear


def communities_in_scope(user: Any) -> QuerySet[Community]:
    """The communities that are this user's work (``scopes.FOLLOWED``): all for the city and the
    support centre, the branch's for branch staff, the assigned ones for liaisons, its own for a community."""
    return scopes.FOLLOWED.queryset(user)


def internally_viewable(user: Any) -> QuerySet[Community]:
    """The communities whose staff page (communities.view_community_internal) this user may open
    (``scopes.INTERNAL``, the same filter the permission checks)."""
    return scopes.INTERNAL.queryset(user)


def public_directory(
    *, text: str = "", branch_slug: str = "", status: str = ""
) -> QuerySet[Community]:
    """The public directory: every community, searched and filtered, with district and branch joined."""
    communities = Community.objects.select_related("district__branch_office")
    if text:
        communities = communities.search(text)
    if branch_slug:
        communities = communities.filter(district__branch_office__slug=branch_slug)
    if status:
        communities = communities.filter(status=status)
    return communities


def branch_offices() -> QuerySet[BranchOffice]:
    """All branch offices, in display order."""
    return BranchOffice.objects.all()


@dataclass
class DistrictRow:
    district: District
    latest_figure: DistrictFigure | None


def districts_with_latest_figure() -> list[DistrictRow]:
    """Every district with its most recent fiscal year's figure (or None), in two queries."""
    districts = District.objects.select_related("branch_office").prefetch_related(
        Prefetch("figures", queryset=DistrictFigure.objects.order_by("-fiscal_year"), to_attr="newest_first")
    )
    rows = []
    for district in districts:
        figures: list[DistrictFigure] = district.newest_first
        rows.append(DistrictRow(district, figures[0] if figures else None))
    return rows


def _plan_contents() -> list[Any]:
    return ["goals", Prefetch("initiatives", queryset=PlanInitiative.objects.select_related("goal")), "revisions"]


def plan_with_contents(pk: int) -> CommunityPlan:
    """One plan with its goals, initiatives (and their goals) and revisions prefetched."""
    return CommunityPlan.objects.prefetch_related(*_plan_contents()).get(pk=pk)


def current_plan(community: Community, *, today: FiscalYear | None = None) -> CommunityPlan | None:
    """The plan in force this fiscal year, else the newest one; goals, initiatives and revisions prefetched."""
    fiscal_year = today or FiscalYear.current()
    plans = list(
        community.plans.prefetch_related(*_plan_contents()).order_by("-start_fiscal_year", "-pk")
    )
    in_force = [plan for plan in plans if plan.is_in_force(fiscal_year)]
    candidates = in_force or plans
    return candidates[0] if candidates else None


@dataclass
class YearOfInitiatives:
    fiscal_year: FiscalYear
    initiatives: list[PlanInitiative]


def initiatives_by_year(plan: CommunityPlan) -> list[YearOfInitiatives]:
    """The plan's initiatives grouped by fiscal year, every year of the period listed."""
    by_year: dict[int, list[PlanInitiative]] = {year.year: [] for year in plan.fiscal_years}
    for initiative in plan.initiatives.all():
        by_year.setdefault(initiative.fiscal_year, []).append(initiative)
    return [YearOfInitiatives(FiscalYear(year), items) for year, items in sorted(by_year.items())]


@dataclass
class AgeBandCount:
    label: str
    count: int


def age_band_summary(officers: list[Officer]) -> tuple[list[AgeBandCount], int]:
    """How many officers are in each age band, and how many are 60 or older (internal only)."""
    counts = Counter(officer.age_band for officer in officers)
    rows = [AgeBandCount(str(band.label), counts[band.value]) for band in AgeBand if counts[band.value]]
    if counts[""]:
        rows.append(AgeBandCount("未登録", counts[""]))
    sixty_and_over = sum(counts[band] for band in (AgeBand.AGE_60S, AgeBand.AGE_70S, AgeBand.AGE_80_OVER))
    return rows, sixty_and_over


@dataclass
class CommunityProfile:
    community: Community
    officers: list[Officer]
    member_organizations: list[MemberOrganization]
    plan: CommunityPlan | None
    plan_years: list[YearOfInitiatives]


def community_profile(slug: str) -> CommunityProfile:
    """Everything the community's page shows, in a fixed number of queries. Raises Http404."""
    community = get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)
    officers = list(community.officers.order_by("term_start", "pk"))
    officers.sort(key=lambda officer: (POSITION_ORDER.get(officer.position, 99), officer.term_start, officer.pk))
    plan = current_plan(community)
    return CommunityProfile(
        community=community,
        officers=officers,
        member_organizations=list(community.member_organizations.all()),
        plan=plan,
        plan_years=initiatives_by_year(plan) if plan else [],
    )


POSITION_ORDER = {value: index for index, value in enumerate(Officer.Position.values)}
