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


def test_the_demo_liaison_has_a_dispatch_to_carry_out(demo_liaison, client):
    from kyodo.support.demo import create_demo_dispatch_requests
    from kyodo.support.models import DispatchRequest

    UserFactory(username="city", role="city_admin")
    assert create_demo_dispatch_requests() == 4
    assert create_demo_dispatch_requests() == 0
    assert set(DispatchRequest.objects.values_list("status", flat=True)) == {
        "requested", "accepted", "declined", "closed"}
    client.force_login(demo_liaison)
    assert "派遣中の依頼(訪問・完了の記録)" in client.get(reverse("staff:home")).content.decode()


def test_the_demo_advisor_has_follow_ups_waiting(world, client):
    from kyodo.support.demo import create_demo_consultations
    from kyodo.support.models import Consultation

    advisor = UserFactory(username="advisor", role="advisor")
    assert create_demo_consultations() > 50
    assert create_demo_consultations() == 0
    assert len({c.consulted_on.year for c in Consultation.objects.all()}) >= 4
    client.force_login(advisor)
    assert "フォローアップ日が2週間以内の相談" in client.get(reverse("staff:home")).content.decode()
