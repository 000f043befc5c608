"""A community's request for a meeting: asked with valid dates, then scheduled (linked to a planned meeting) or
declined with a reason; refused input changes nothing; the city's and the branch's to-do."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kyodo.dialogue.models import MeetingRequest, MeetingRequestTransition
from tests.dialogue.factories import ensure_kind, meeting_in_state, request_in_state


def _ask(world, **more):
    data = {"kind": str(ensure_kind().pk), "purpose": "子育て世代と市の意見交換をしたい",
            "first_choice_on": (timezone.localdate() + dt.timedelta(days=20)).isoformat(), "note": "夜の時間帯"} | more
    return world.client("community_secretariat").post(
        reverse("dialogue_staff:request-create", args=[world.community_a.slug]), data)


def test_a_community_requests_and_the_branch_schedules(world):
    assert _ask(world).status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.community, request.status) == (world.community_a, "requested")
    home = world.client("branch_staff").get(reverse("staff:home")).content.decode()
    assert "開催を決める申込み" in home
    meeting = meeting_in_state(world.community_b, "planned", days_from_now=25)
    response = world.client("branch_staff").post(
        reverse("dialogue_staff:request-schedule", args=[request.pk]),
        {"schedule-version": str(request.version), "schedule-meeting": str(meeting.pk)})
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.meeting) == ("scheduled", meeting)
    assert world.community_a in meeting.communities.all()
    assert MeetingRequestTransition.objects.filter(request=request, action="schedule").count() == 1


def test_only_a_planned_meeting_can_be_chosen(world):
    request = request_in_state(world.community_a)
    held = meeting_in_state(world.community_a, "held")
    response = world.client("city_admin").post(
        reverse("dialogue_staff:request-schedule", args=[request.pk]),
        {"schedule-version": str(request.version), "schedule-meeting": str(held.pk)})
    assert response.status_code == 422 and "開催予定の会議を選んでください。" in response.content.decode()
    assert MeetingRequest.objects.get(pk=request.pk).status == "requested"


def test_a_decline_needs_a_reason(world):
    request = request_in_state(world.community_a)
    url = reverse("dialogue_staff:request-decline", args=[request.pk])
    client = world.client("city_admin")
    response = client.post(url, {"decline-version": str(request.version), "decline-comment": ""})
    assert response.status_code == 422 and "見送りの理由を入力してください。" in response.content.decode()
    assert client.post(url, {"decline-version": str(request.version),
                             "decline-comment": "年度内の日程が埋まっているため"}).status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == ("declined", "年度内の日程が埋まっているため")
    page = world.client("community_secretariat").get(request.staff_url).content.decode()
    assert "年度内の日程が埋まっているため" in page


def test_bad_request_input_is_refused(world):
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = _ask(world, first_choice_on=past, purpose="<script>x</script>")
    page = response.content.decode()
    assert response.status_code == 422
    assert "希望日に過去の日付は指定できません。" in page and "HTMLやスクリプトは使えません。" in page
    assert not MeetingRequest.objects.exists()


def test_a_community_sees_its_own_requests_only(world):
    request_in_state(world.community_a)
    other = request_in_state(world.community_b, "declined")
    page = world.client("community_officer").get(reverse("dialogue_staff:request-list")).content.decode()
    assert world.community_a.name in page and world.community_b.name not in page
    assert world.client("community_officer").get(other.staff_url).status_code == 403


def test_a_scheduled_request_links_each_reader_to_a_meeting_page_they_may_open(world):
    request = request_in_state(world.community_a)
    meeting = meeting_in_state(world.community_a, "planned", days_from_now=25)
    world.client("city_admin").post(reverse("dialogue_staff:request-schedule", args=[request.pk]),
                                    {"schedule-version": str(request.version), "schedule-meeting": str(meeting.pk)})
    for role, url, hidden in (("community_secretariat", meeting.get_absolute_url(), meeting.staff_url),
                              ("city_admin", meeting.staff_url, None)):
        client = world.client(role)
        for page in (request.staff_url, reverse("dialogue_staff:request-list")):
            html = client.get(page).content.decode()
            assert f'href="{url}"' in html, (role, page)
            if hidden:
                assert f'href="{hidden}"' not in html, (role, page)
        assert client.get(url).status_code == 200
