"""Pages and API answers take the same number of queries however many rows they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.communities.factories import ensure_goal
from tests.factories import (
    BranchOfficeFactory,
    CommunityFactory,
    DistrictFactory,
    DistrictFigureFactory,
    MemberOrganizationFactory,
    OfficerFactory,
    PlanInitiativeFactory,
)

pytestmark = pytest.mark.django_db


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def make_communities(count: int) -> None:
    for _ in range(count):
        district = DistrictFactory(branch_office=BranchOfficeFactory())
        DistrictFigureFactory(district=district)
        CommunityFactory(district=district)


@pytest.mark.parametrize("url", [
    "/communities/", "/communities/?q=てすと", "/api/v1/communities", "/api/v1/communities/districts",
    "/api/v1/communities/branch-offices",
])
def test_directory_queries_do_not_grow_with_the_number_of_communities(url):
    make_communities(3)
    small = count_queries(Client(), url)
    make_communities(27)
    large = count_queries(Client(), url)

    assert small == large


@pytest.mark.parametrize("url", ["/staff/communities/", "/staff/communities/districts/"])
def test_staff_list_queries_do_not_grow(world, url):
    client = world.client("city_admin")
    make_communities(1)
    small = count_queries(client, url)
    make_communities(28)

    assert count_queries(client, url) == small


def fill(community, size: int) -> None:
    goal = ensure_goal(community)
    for number in range(size):
        OfficerFactory(community=community, name=f"役員{number}")
        MemberOrganizationFactory(community=community)
        PlanInitiativeFactory(plan=goal.plan, goal=goal, fiscal_year=2021 + number % 5)
    goal.plan.revisions.create(revised_on="2023-03-01", summary=f"見直し{size}")


@pytest.mark.parametrize("role", ["anonymous", "city_admin", "liaison"])
@pytest.mark.parametrize("path", ["/communities/{slug}/", "/api/v1/communities/{slug}", "/staff/communities/{slug}/"])
def test_community_page_queries_do_not_grow_with_officers_and_initiatives(world, role, path):
    if path.startswith("/staff") and role == "anonymous":
        pytest.skip("staff page needs a signed-in user")
    small_community, large_community = world.community_a, world.community_b
    fill(small_community, 3)
    fill(large_community, 30)
    if role == "liaison":
        from tests.factories import LiaisonAssignmentFactory

        LiaisonAssignmentFactory(staff=world.users["liaison"], community=large_community)
    client = world.client(role)

    small = count_queries(client, path.format(slug=small_community.slug))
    large = count_queries(client, path.format(slug=large_community.slug))

    assert small == large


