"""The demo leaves the liaison with work waiting, and a rotation with its handover note, on any date."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyodo.support.demo import create_demo_liaison_work
from kyodo.support.models import Contact, LiaisonAssignment
from tests.factories import CommunityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_liaison(world):
    liaison = UserFactory(username="liaison", role="liaison")
    for community in (world.community_a, world.community_b, CommunityFactory()):
        LiaisonAssignment.objects.filter(community=community).delete()
        LiaisonAssignment.objects.create(staff=liaison, community=community, started_on="2023-04-01")
    return liaison


def test_the_demo_liaison_has_follow_ups_waiting_and_a_predecessor(demo_liaison, client):
    created = create_demo_liaison_work()
    assert created > 20
    assert create_demo_liaison_work() == 0  # idempotent
    overdue = [c for c in Contact.objects.filter(staff=demo_liaison) if c.follow_up_overdue]
    assert overdue
    years = {c.contacted_on.year for c in Contact.objects.all()}
    assert len(years) >= 4
    rotated = LiaisonAssignment.objects.filter(ended_on__isnull=False, staff__username="liaison-former")
    assert rotated.count() == 3
    client.force_login(demo_liaison)
    html = client.get(reverse("staff:home")).content.decode()
    assert "期限切れのフォローアップ" in html
