"""The benchmark's dialogue part works on a small world: the generated opinions, each page and its SQL floor."""

from __future__ import annotations

from bench.dialogue import generate_opinions, scenarios
from django.test import Client

from kyodo.dialogue.models import Opinion
from tests.factories import UserFactory


def test_bench_opinions_and_pages(world):
    city = UserFactory(username="bench-city", role="city_admin")
    generate_opinions([world.community_a, world.community_b], per_community=6)
    assert Opinion.objects.count() == 12
    assert Opinion.objects.filter(status="published").exclude(outcome="").count() == 6
    clients = {"anon": Client(), "city": Client()}
    clients["city"].force_login(city)
    for name, _kind, url, floor, who in scenarios():
        assert clients[who].get(url).status_code == 200, name
        floor()
