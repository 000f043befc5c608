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


def _more_requests(world, count):
    from tests.support.dispatch_factories import make_request

    for index in range(count):
        request = make_request(world, status=("requested", "accepted")[index % 2])
    return request


@pytest.mark.parametrize("role", ["city_admin", "community_secretariat", "liaison"])
def test_dispatch_pages_queries_do_not_grow(world, role):
    from kyodo.support.models import DispatchVisit

    client = world.client(role)
    _more_requests(world, 2)
    accepted = _more_requests(world, 2)
    small_list = _count(client, "/staff/support/dispatch/")
    small_detail = _count(client, f"/staff/support/dispatch/{accepted.pk}/")
    _more_requests(world, 20)
    for _ in range(10):
        DispatchVisit.objects.create(request=accepted, visited_on=accepted.requested_on, staff=world.users["liaison"],
                                     summary="訪問")
    assert _count(client, "/staff/support/dispatch/") == small_list
    assert _count(client, f"/staff/support/dispatch/{accepted.pk}/") == small_detail


@pytest.mark.parametrize("role", ["advisor", "city_admin", "liaison"])
def test_consultation_list_queries_do_not_grow(world, role):
    from tests.support.consultation_factories import make_consultation

    client = world.client(role)
    for index in range(2):
        make_consultation(world, topic=f"分類{index}")
    small = _count(client, "/staff/support/consultations/")
    for index in range(20):
        make_consultation(world, ("own", "other")[index % 2], topic=f"分類{index % 5}", city_note="メモ")
    assert _count(client, "/staff/support/consultations/") == small
