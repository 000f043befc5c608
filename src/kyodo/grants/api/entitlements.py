"""/api/v1/grants/…entitlements: what each community may receive under each program's rule of
a fiscal year: every community in the caller's scope (staff), or one community's own."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from kyodo.access import api_require_perm
from kyodo.api_inputs import FiscalYearQuery
from kyodo.api_paging import paginated
from kyodo.communities.models import Community
from kyodo.communities.queries import communities_in_scope
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import GrantProgram
from kyodo.grants.programs import queries

router = Router(auth=django_auth)


@dataclass(frozen=True)
class Entitlement:
    """One community's entitlement under one program in one fiscal year."""

    program: GrantProgram
    fiscal_year: int
    row: queries.EntitlementRow
    has_rule: bool = True


class GrantEntitlementOut(Schema):
    program: str = Field(alias="program.code")
    fiscal_year: int
    community: str = Field(alias="row.community.slug", description="The community's slug.")
    community_name: str = Field(alias="row.community.name")
    eligible: bool = Field(alias="row.eligible")
    reason: str = Field(alias="row.reason")
    amount_yen: int | None = Field(alias="row.amount_yen",
                                   description="None: not eligible, no rule that year, or no figures.")
    figures_year: int | None = Field(alias="row.figures_year",
                                     description="The fiscal year whose population and households were used.")
    formula: str = Field(alias="row.formula")


class GrantCommunityEntitlementOut(Schema):
    program: str = Field(alias="program.code")
    program_name: str = Field(alias="program.name")
    fiscal_year: int
    has_rule: bool
    eligible: bool = Field(alias="row.eligible")
    reason: str = Field(alias="row.reason")
    amount_yen: int | None = Field(alias="row.amount_yen")
    figures_year: int | None = Field(alias="row.figures_year")
    formula: str = Field(alias="row.formula")


class EntitlementFilters(Schema):
    program: str | None = Field(None, description="A program's code, e.g. activity (default: every program).")
    fiscal_year: FiscalYearQuery | None = Field(None, description="Default: the current fiscal year.")


class CommunityYearFilter(Schema):
    fiscal_year: FiscalYearQuery | None = Field(None, description="Default: the current fiscal year.")


def community_by_slug(request: HttpRequest, slug: str) -> Community:
    """The community at ``slug`` (Http404 if there is none)."""
    return get_object_or_404(Community, slug=slug)


@router.get("/entitlements", response=list[GrantEntitlementOut],
            summary="交付見込額の一覧 / Every community's entitlement")
@paginated
@api_require_perm("grants.view_grants")
def list_entitlements(request: HttpRequest, filters: Query[EntitlementFilters]) -> list[Entitlement]:
    """Every community's eligibility, reason and amount under a program's rule of a fiscal year
    (default: every program, the current fiscal year), with the formula and the fiscal year whose
    figures were used. City administrators see every community, branch staff their branch's;
    others get 403; an unknown program 404."""
    year = filters.fiscal_year or FiscalYear.current().year
    programs = GrantProgram.objects.all()
    if filters.program is not None:
        programs = programs.filter(code=filters.program)
        if not programs.exists():
            raise Http404
    scope = communities_in_scope(request.user)
    return [
        Entitlement(program, year, row)
        for program in programs
        for row in queries.entitlements(program, year, communities=scope)
    ]


@router.get("/communities/{slug}/entitlements", response=list[GrantCommunityEntitlementOut],
            summary="地域協働体の交付見込額 / One community's entitlements")
@paginated
@api_require_perm("communities.view_community_internal", load=community_by_slug)
def community_entitlements(
    request: HttpRequest, community: Community, filters: Query[CommunityYearFilter]
) -> list[Entitlement]:
    """The community's entitlement under each program for a fiscal year (default: the current one):
    for its members, its liaison, its branch and the city (as the staff page)."""
    year = filters.fiscal_year or FiscalYear.current().year
    return [
        Entitlement(item.program, cell.fiscal_year.year, cell.row, has_rule=cell.rule is not None)
        for item in queries.community_entitlements(community, [year])
        for cell in item.years
    ]
