"""The liaison pages and the work area take the same number of queries however much data they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import BranchOfficeFactory, CommunityFactory, DistrictFactory, LiaisonAssignmentFactory
from tests.support.factories import make_contact

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _more(world, count):
    """``count`` communities the liaison looks after, each with contacts and open follow-ups."""
    liaison = world.users["liaison"]
    for _ in range(count):
        community = CommunityFactory(district=DistrictFactory(branch_office=BranchOfficeFactory()))
        LiaisonAssignmentFactory(staff=liaison, community=community)
        make_contact(community, liaison, follow_up="資料", due_in=-2)
        make_contact(community, liaison, follow_up="回答", due_in=3)
    for days in range(count):
        make_contact(world.community_a, liaison, days_ago=days, follow_up="件", due_in=days % 5)


@pytest.mark.parametrize(("role", "url"), [
    ("city_admin", "/staff/support/"),
    ("city_admin", "/staff/support/?show=no_contact&months=2"),
    ("liaison", "/staff/support/communities/aoba/"),
    ("liaison", "/staff/"),
    ("anonymous", "/communities/aoba/"),
])
def test_queries_do_not_grow_with_the_data(world, role, url):
    client = world.client(role)
    _more(world, 2)
    small = _count(client, url)
    _more(world, 20)
    assert _count(client, url) == small
