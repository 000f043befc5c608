"""The benchmark's volunteering part works on a small world: the generated rows, each page and its SQL floor."""

from __future__ import annotations

from bench.participation import generate_participation, scenarios
from django.test import Client
from django.utils import timezone

from kyodo.participation.models import Opportunity, Signup
from tests.factories import UserFactory


def test_bench_opportunities_sign_ups_and_pages(world):
    city = UserFactory(username="bench-city", role="city_admin")
    generate_participation([world.community_a, world.community_b], per_community=6, signups_per_opportunity=3)
    assert Opportunity.objects.count() == 12
    assert Opportunity.objects.filter(status="draft").count() == 2
    assert not Signup.objects.filter(opportunity__status="draft").exists()
    assert Signup.objects.count() == 10 * 3
    assert not Signup.objects.exclude(status="confirmed").filter(attended_at__isnull=False).exists()
    assert Signup.objects.filter(attended_at__isnull=False, opportunity__ends_at__lt=timezone.now()).exists()
    assert Opportunity.objects.filter(status="published", ends_at__gte=timezone.now()).exists()
    clients = {"anon": Client(), "city": Client()}
    clients["city"].force_login(city)
    for name, _kind, url, floor, who in scenarios():
        assert clients[who].get(url).status_code == 200, name
        assert floor() is not None
    listed = clients["anon"].get("/opportunities/").content.decode()
    assert "ベンチ募集" in listed
