"""Who may use each communities URL and API operation.

view_community_internal: city admin, branch staff of the community's branch, its liaison, its
own secretariat and officers. edit_community: the same without the liaison.
Objects a URL needs (an officer, a plan…) are created on demand for the community under test.
"""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_EDITORS_OWN, COMMUNITY_VIEWERS_OWN, SIGNED_IN, Case, community_slug
from tests.communities.factories import ensure_figure, ensure_goal, ensure_initiative, ensure_officer, ensure_plan
from tests.factories import MemberOrganizationFactory

# On the other community (branch B, no liaison of ours, not our members) only the city admin.
OTHER = CITY


def _officer(world, which):
    community = world.community(which)
    return {"slug": community.slug, "pk": ensure_officer(community).pk}


def _member(world, which):
    community = world.community(which)
    organization = community.member_organizations.first() or MemberOrganizationFactory(community=community)
    return {"slug": community.slug, "pk": organization.pk}


def _plan(world, which):
    community = world.community(which)
    return {"slug": community.slug, "pk": ensure_plan(community).pk}


def _goal(world, which):
    kwargs = _plan(world, which)
    return {**kwargs, "goal_pk": ensure_goal(world.community(which)).pk}


def _initiative(world, which):
    kwargs = _plan(world, which)
    return {**kwargs, "initiative_pk": ensure_initiative(world.community(which)).pk}


def _district(world, which):
    return {"pk": world.community(which).district.pk}


def _figure(world, which):
    district = world.community(which).district
    return {"pk": district.pk, "fiscal_year": ensure_figure(district).fiscal_year}


def _branch(world, which):
    return {"branch": world.community(which).district.branch_office.slug}


def _editor(name, kwargs):
    return Case(name, own=COMMUNITY_EDITORS_OWN, other=OTHER, kwargs=kwargs)


CASES = [
    Case("communities:list", own=ALL),
    Case("communities:detail", own=ALL, other=ALL, kwargs=community_slug),
    Case("communities_staff:index", own=SIGNED_IN),
    Case("communities_staff:community", own=COMMUNITY_VIEWERS_OWN, other=OTHER, kwargs=community_slug),
    _editor("communities_staff:community-edit", community_slug),
    _editor("communities_staff:officer-create", community_slug),
    _editor("communities_staff:officer-edit", _officer),
    _editor("communities_staff:officer-delete", _officer),
    _editor("communities_staff:member-create", community_slug),
    _editor("communities_staff:member-edit", _member),
    _editor("communities_staff:member-delete", _member),
    _editor("communities_staff:plan-create", community_slug),
    Case("communities_staff:plan", own=COMMUNITY_VIEWERS_OWN, other=OTHER, kwargs=_plan),
    _editor("communities_staff:plan-edit", _plan),
    _editor("communities_staff:goal-create", _plan),
    _editor("communities_staff:goal-edit", _goal),
    _editor("communities_staff:goal-delete", _goal),
    _editor("communities_staff:initiative-create", _plan),
    _editor("communities_staff:initiative-edit", _initiative),
    _editor("communities_staff:initiative-delete", _initiative),
    _editor("communities_staff:revision-create", _plan),
    Case("communities_staff:branch-list", own=CITY),
    Case("communities_staff:branch-create", own=CITY),
    Case("communities_staff:branch-edit", own=CITY, other=CITY, kwargs=_branch),
    Case("communities_staff:district-list", own=CITY),
    Case("communities_staff:district-create", own=CITY),
    Case("communities_staff:district-edit", own=CITY, other=CITY, kwargs=_district),
    Case("communities_staff:district-figure-create", own=CITY, other=CITY, kwargs=_district),
    Case("communities_staff:district-figure-edit", own=CITY, other=CITY, kwargs=_figure),
    Case("GET /api/v1/communities", own=ALL),
    Case("GET /api/v1/communities/branch-offices", own=ALL),
    Case("GET /api/v1/communities/districts", own=ALL),
    Case("GET /api/v1/communities/{slug}", own=ALL, other=ALL, kwargs=community_slug),
]
