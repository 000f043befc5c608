"""/api/v1/participation: public opportunities without people; hosts confirm, record attendance, take steps."""

from __future__ import annotations

import pytest
from django.test import Client

from kyodo.audit.models import AuditEvent
from tests.participation.factories import make_opportunity, make_signup

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_places_left_and_no_people(world):
    opportunity = make_opportunity(world.community_a, capacity=3, is_for_students=True)
    make_signup(opportunity)
    make_opportunity(world.community_b, status="draft", title="下書き")
    body = Client().get("/api/v1/participation?tag=students").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["places_left"] == 2 and item["community_slug"] == "aoba" and "signups" not in item
    detail = Client().get(f"/api/v1/participation/{opportunity.pk}").json()
    assert "0191" not in str(detail)
    assert Client().get("/api/v1/participation?tag=teens").status_code == 422


def test_hosts_read_sign_ups_confirm_record_attendance_and_publish(world):
    opportunity = make_opportunity(world.community_a)
    signup = make_signup(opportunity)
    client = world.client("community_secretariat")
    base = f"/api/v1/participation/staff/opportunities/{opportunity.pk}"
    people = client.get(f"{base}/signups").json()
    assert [p["name"] for p in people] == ["一関 花子1"]
    assert AuditEvent.objects.filter(action="opportunity.signups_viewed").count() == 1
    early = client.post(f"{base}/signups/{signup.pk}/attendance", {"attended": True}, content_type="application/json")
    assert early.status_code == 422
    confirmed = client.post(f"{base}/signups/{signup.pk}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    came = client.post(f"{base}/signups/{signup.pk}/attendance", {"attended": True}, content_type="application/json")
    assert came.status_code == 200 and came.json()["attended_at"]

    draft = make_opportunity(world.community_a, status="draft")
    step = f"/api/v1/participation/staff/opportunities/{draft.pk}/publish"
    assert client.post(step, {"version": 1}, content_type="application/json").json()["status"] == "published"
    assert client.post(step, {"version": 2}, content_type="application/json").status_code == 409
    mine = client.get("/api/v1/participation/staff/opportunities").json()
    assert mine["count"] == 2


def test_the_day_filter_takes_a_calendar_date_only(world):
    opportunity = make_opportunity(world.community_a, days_ahead=3)
    day = opportunity.starts_at.astimezone().date()
    assert Client().get(f"/api/v1/participation?on={day.isoformat()}").json()["count"] == 1
    assert Client().get("/api/v1/participation?on=0").status_code == 422
    refused = Client().get("/api/v1/participation?on=2026-13-45")
    assert refused.status_code == 422 and "日付" in refused.json()["detail"] + str(refused.json()["errors"])
