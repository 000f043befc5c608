"""The benchmark's activity reports part works on a small world: the generated rows, each page and its SQL floor."""

from __future__ import annotations

from bench.practice import generate_practice, scenarios
from django.test import Client

from kyodo.fiscal_years import FiscalYear
from kyodo.practice.models import PracticeReport
from tests.factories import UserFactory


def test_bench_reports_and_pages(world):
    UserFactory(username="bench-city", role="city_admin")
    generate_practice([world.community_a, world.community_b], per_community=7)
    assert PracticeReport.objects.count() == 14
    assert PracticeReport.objects.filter(status="published").count() == 8
    for report in PracticeReport.objects.prefetch_related("themes"):
        assert report.fiscal_year == FiscalYear.of(report.held_on).year
        assert 1 <= len(report.themes.all()) <= 2
    client = Client()
    for name, _kind, url, floor, who in scenarios():
        assert who == "anon"
        assert client.get(url).status_code == 200, name
        assert floor() is not None
    body = client.get("/api/v1/practice/reports?limit=50").json()
    assert body["count"] == 8
