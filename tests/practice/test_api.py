"""/api/v1/practice: published reports with filters and fixed query counts; the staff's steps."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.practice.factories import make_report, theme

pytestmark = pytest.mark.django_db


def test_the_public_list_and_a_report(world):
    report = make_report(world.community_a, title="見守り訪問", photos=1)
    make_report(world.community_b, status="draft")
    client = world.client("anonymous")
    body = client.get("/api/v1/practice/reports").json()
    assert body["count"] == 1 and body["items"][0]["title"] == "見守り訪問"
    assert body["items"][0]["themes"] == ["bousai"] and body["items"][0]["community_slug"] == "aoba"
    assert client.get("/api/v1/practice/reports?theme=none").json()["count"] == 0
    assert client.get("/api/v1/practice/reports?year=2024").json()["count"] == 1
    assert client.get("/api/v1/practice/reports?year=99999").status_code == 422
    detail = client.get(f"/api/v1/practice/reports/{report.pk}").json()
    assert detail["photos"][0]["url"] == report.photos.get().get_absolute_url()


def test_the_public_list_queries_do_not_grow(world):
    make_report(world.community_a, photos=1)
    client = world.client("anonymous")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/practice/reports").status_code == 200
        return len(queries)

    few = count()
    for number in range(12):
        make_report(world.community_b, title=f"事例{number}", themes=(theme(), theme("kankyou", "環境")), photos=2)
    assert count() == few


def test_the_city_unpublishes_by_the_api_only_with_a_reason(world):
    report = make_report(world.community_a)
    client = world.client("city_admin")
    url = f"/api/v1/practice/staff/reports/{report.pk}/unpublish"
    refused = client.post(url, {"version": 1, "comment": " "}, content_type="application/json")
    assert refused.status_code == 422
    report.refresh_from_db()
    assert report.status == "published"
    done = client.post(url, {"version": 1, "comment": "掲載の同意が確認できません。"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "unpublished"
    stale = client.post(f"/api/v1/practice/staff/reports/{report.pk}/revise", {"version": 1},
                        content_type="application/json")
    assert stale.status_code == 403  # the city does not revise a community's report
