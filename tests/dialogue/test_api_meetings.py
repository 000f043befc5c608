"""The dialogue API's meetings and meeting requests: staff plan and record meetings and decide requests through
the same services as the pages (timeline, audit, optimistic locking); bad input is a 422 in Japanese and
changes nothing; the public meeting shows only public files; lists run constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.dialogue.models import Meeting, MeetingRequest, MeetingTransition
from tests.dialogue.factories import ensure_kind, meeting_file, meeting_in_state, request_in_state

BASE = "/api/v1/dialogue"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _plan(world, **more):
    district = world.community_a.district.pk
    return {"kind": ensure_kind().pk, "title": "青葉地区 住民懇談会", "place_district": district,
            "starts_at": (timezone.now() + dt.timedelta(days=10)).isoformat(), "districts": [district]} | more


def test_branch_staff_plan_a_meeting_and_record_it(world):
    client = world.client("branch_staff")
    response = _post(client, f"{BASE}/staff/meetings", _plan(world, starts_at="2026-12-20T14:00:00"))
    assert response.status_code == 201, response.json()
    body = response.json()
    meeting = Meeting.objects.get(pk=body["id"])
    assert (body["status"], body["version"], body["allowed_actions"]) == ("planned", 1, ["hold", "cancel"])
    assert timezone.is_aware(meeting.starts_at) and AuditEvent.objects.filter(action="meeting.plan").exists()

    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - dt.timedelta(hours=3))
    counts = {"attendance_residents": 20, "attendance_communities": 5, "attendance_city": 3, "attendance_other": 1}
    response = _post(client, f"{BASE}/staff/meetings/{meeting.pk}/hold", {"version": 1, **counts})
    assert response.status_code == 200 and response.json()["status"] == "held"
    response = _post(client, f"{BASE}/staff/meetings/{meeting.pk}/publish-minutes",
                     {"version": 2, "minutes": "バス路線について話し合った。"})
    assert response.status_code == 200 and response.json()["status"] == "minutes_published"
    assert list(MeetingTransition.objects.filter(meeting=meeting).values_list("action", flat=True)) == [
        "hold", "publish_minutes"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"agenda": "<script>alert(1)</script>"}, "agenda", "HTMLやスクリプトは使えません。"),
    ({"districts": [], "communities": []}, "districts", "対象の地区か地域協働体を1つ以上選んでください。"),
    ({"districts": [987654]}, "districts", "選べない項目が含まれています。"),
    ({"kind": 987654}, "kind", "種類を選んでください。"),
    ({"title": "  "}, "title", "名称を入力してください。"),
    ({"place_district": None, "place_text": ""}, "place_text", "会場(市民センターまたはその他の場所)を入力"),
    ({"starts_at": "明日"}, "starts_at", ""),
    ({"title": "あ" * 201}, "title", "200文字以内で入力してください。"),
])
def test_bad_meeting_input_is_refused(world, change, field, message):
    response = _post(world.client("city_admin"), f"{BASE}/staff/meetings", _plan(world, **change))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(error["loc"][-1] == field and message in error["msg"] for error in errors), errors
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(("action", "data", "message"), [
    ("hold", {"attendance_residents": -1, "attendance_communities": 0, "attendance_city": 0, "attendance_other": 0},
     "人数は0以上100,000以下の整数で入力してください。"),
    ("hold", {"attendance_residents": 1.5, "attendance_communities": 0, "attendance_city": 0, "attendance_other": 0},
     "人数は0以上100,000以下の整数で入力してください。"),
    ("cancel", {"comment": " "}, "中止の理由を入力してください。"),
])
def test_bad_action_input_is_refused(world, action, data, message):
    meeting = meeting_in_state(world.community_a, "planned")
    response = _post(world.client("city_admin"), f"{BASE}/staff/meetings/{meeting.pk}/{action}",
                     {"version": meeting.version, **data})
    assert response.status_code == 422
    assert message in str(response.json())
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


def test_minutes_with_markup_a_stale_version_and_a_wrong_state_change_nothing(world):
    meeting = meeting_in_state(world.community_a, "held")
    client = world.client("city_admin")
    url = f"{BASE}/staff/meetings/{meeting.pk}/publish-minutes"
    response = _post(client, url, {"version": meeting.version, "minutes": "<img src=x onerror=alert(1)>"})
    assert response.status_code == 422 and "HTMLやスクリプトは使えません。" in str(response.json())
    assert _post(client, url, {"version": meeting.version - 1, "minutes": "記録"}).status_code == 409
    hold = _post(client, f"{BASE}/staff/meetings/{meeting.pk}/cancel", {"version": meeting.version, "comment": "x"})
    assert hold.status_code == 409
    assert Meeting.objects.get(pk=meeting.pk).status == "held"


def test_the_public_meeting_lists_public_files_only(world):
    meeting = meeting_in_state(world.community_a, "held")
    meeting_file(meeting, name="議事録.pdf")
    meeting_file(meeting, kind="handout", public_now=True, name="配布資料.pdf")
    body = Client().get(f"{BASE}/meetings/{meeting.pk}").json()
    assert [item["name"] for item in body["files"]] == ["配布資料.pdf"]
    assert Client().get(body["files"][0]["url"]).status_code == 200
    assert "version" not in body and "uploaded_by" not in str(body)


def test_a_community_requests_a_meeting_and_the_branch_schedules_it(world):
    first = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    url = f"{BASE}/staff/communities/{world.community_a.slug}/meeting-requests"
    response = _post(world.client("community_secretariat"), url,
                     {"kind": ensure_kind().pk, "purpose": "防災について話し合いたい", "first_choice_on": first})
    assert response.status_code == 201, response.json()
    made = MeetingRequest.objects.get(pk=response.json()["id"])
    meeting = meeting_in_state(world.community_a, "planned", days_from_now=20)
    client = world.client("branch_staff")
    response = _post(client, f"{BASE}/staff/meeting-requests/{made.pk}/schedule",
                     {"version": made.version, "meeting": meeting.pk})
    assert response.status_code == 200 and response.json()["status"] == "scheduled"
    assert response.json()["meeting_id"] == meeting.pk


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"purpose": "<script>x</script>"}, "purpose", "HTMLやスクリプトは使えません。"),
    ({"purpose": " "}, "purpose", "目的・話し合いたいことを入力してください。"),
    ({"first_choice_on": "2001-01-01"}, "first_choice_on", "希望日に過去の日付は指定できません。"),
    ({"kind": 987654}, "kind", "種類を選んでください。"),
])
def test_a_bad_request_is_refused(world, data, field, message):
    values = {"kind": ensure_kind().pk, "purpose": "防災について",
              "first_choice_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat()} | data
    response = _post(world.client("community_secretariat"),
                     f"{BASE}/staff/communities/{world.community_a.slug}/meeting-requests", values)
    assert response.status_code == 422
    assert any(error["loc"][-1] == field and message in error["msg"] for error in response.json()["errors"])
    assert not MeetingRequest.objects.exists()


def test_scheduling_needs_a_planned_meeting_and_declining_a_reason(world):
    made = request_in_state(world.community_a)
    held = meeting_in_state(world.community_a, "held")
    client = world.client("city_admin")
    base = f"{BASE}/staff/meeting-requests/{made.pk}"
    for meeting in (held.pk, 987654):
        response = _post(client, f"{base}/schedule", {"version": made.version, "meeting": meeting})
        assert response.status_code == 422 and "開催予定の会議を選んでください。" in str(response.json())
    response = _post(client, f"{base}/decline", {"version": made.version, "comment": "  "})
    assert response.status_code == 422 and "見送りの理由を入力してください。" in str(response.json())
    assert MeetingRequest.objects.get(pk=made.pk).status == "requested"
    response = _post(client, f"{base}/decline", {"version": made.version, "comment": "日程が合わないため"})
    assert response.status_code == 200 and response.json()["decline_reason"] == "日程が合わないため"


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["city_admin", "branch_staff", "community_secretariat"])
def test_the_request_list_runs_constant_queries(world, role):
    client = world.client(role)
    request_in_state(world.community_a)
    few = _queries(client, f"{BASE}/staff/meeting-requests")
    for status in ["requested", "declined", "scheduled"] * 4:
        request_in_state(world.community_a, status)
    assert _queries(client, f"{BASE}/staff/meeting-requests") == few
    assert client.get(f"{BASE}/staff/meeting-requests").json()["count"] == 13


def test_the_public_meeting_list_and_page_run_constant_queries(world):
    client = Client()
    meeting = meeting_in_state(world.community_a, "minutes_published")
    meeting_file(meeting)
    few = _queries(client, f"{BASE}/meetings"), _queries(client, f"{BASE}/meetings/{meeting.pk}")
    for _index in range(6):
        meeting_file(meeting_in_state(world.community_b, "minutes_published"))
        meeting_file(meeting, kind="handout")
    assert (_queries(client, f"{BASE}/meetings"), _queries(client, f"{BASE}/meetings/{meeting.pk}")) == few
