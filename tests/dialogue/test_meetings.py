"""Meetings: planned, held with attendance counts, minutes published as plain text, or cancelled with a reason;
public list, page and iCal feed; opinions heard at a meeting; refused input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kyodo.dialogue.models import Meeting, MeetingKind, MeetingTransition, Opinion
from tests.dialogue.factories import ensure_category, ensure_kind, meeting_in_state, opinion_in_state
from tests.factories import CommunityFactory, DistrictFactory


def _plan_data(world, **more):
    starts = (timezone.localtime() + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    return {"kind": str(ensure_kind().pk), "title": "青葉地区 住民懇談会", "starts_at": starts,
            "place_district": str(world.community_a.district.pk), "place_text": "",
            "districts": [str(world.community_a.district.pk)], "communities": [str(world.community_a.pk)],
            "agenda": "防災と交通について"} | more


def test_the_kinds_are_there_from_the_start(db):
    names = set(MeetingKind.objects.values_list("name", flat=True))
    assert {"移動市長室", "意見交換会", "住民懇談会", "その他"} <= names


def test_branch_staff_plan_a_meeting_of_their_branch(world):
    client = world.client("branch_staff")
    response = client.post(reverse("dialogue_staff:meeting-create"), _plan_data(world))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.status, meeting.planned_by, list(meeting.communities.all())) == (
        "planned", world.users["branch_staff"], [world.community_a])
    other = _plan_data(world, districts=[str(world.community_b.district.pk)], communities=[],
                       place_district=str(world.community_b.district.pk))
    response = client.post(reverse("dialogue_staff:meeting-create"), other)
    assert response.status_code == 422 and "自分の支所の地区を1つ以上含めてください。" in response.content.decode()
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(("change", "message"), [
    ({"agenda": "<script>alert(1)</script>"}, "HTMLやスクリプトは使えません。"),
    ({"place_district": "", "place_text": ""}, "会場(市民センターまたはその他の場所)を入力してください。"),
    ({"districts": [], "communities": []}, "対象の地区か地域協働体を1つ以上選んでください。"),
    ({"starts_at": "明日"}, "日時を正しく入力してください。"),
])
def test_bad_meeting_input_is_refused(world, change, message):
    response = world.client("city_admin").post(reverse("dialogue_staff:meeting-create"), _plan_data(world, **change))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def _act(world, role, meeting, action, **fields):
    data = {f"{action}-version": str(meeting.version)} | {f"{action}-{k}": v for k, v in fields.items()}
    url = reverse(f"dialogue_staff:meeting-{action.replace('_', '-')}", args=[meeting.pk])
    return world.client(role).post(url, data)


COUNTS = {"attendance_residents": "25", "attendance_communities": "6", "attendance_city": "4", "attendance_other": "1"}


def test_held_then_minutes_published_then_public(world):
    meeting = meeting_in_state(world.community_a, "planned", days_from_now=-1)
    assert _act(world, "branch_staff", meeting, "hold", **COUNTS).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.attendance_total) == ("held", 36)
    public = Client().get(meeting.get_absolute_url()).content.decode()
    assert "36人" in public and "記録(議事要旨)" not in public
    response = _act(world, "branch_staff", meeting, "publish_minutes", minutes="<img src=x onerror=alert(1)>記録")
    assert response.status_code == 422 and "HTMLやスクリプトは使えません。" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes) == ("held", "")
    response = _act(world, "branch_staff", meeting, "publish_minutes", minutes="街灯について意見が出た。")
    assert response.status_code == 302
    public = Client().get(meeting.get_absolute_url()).content.decode()
    assert "街灯について意見が出た。" in public
    assert [t.action for t in MeetingTransition.objects.filter(meeting=meeting)] == ["hold", "publish_minutes"]


def test_a_meeting_is_not_held_before_it_starts_and_counts_are_required(world):
    meeting = meeting_in_state(world.community_a, "planned", days_from_now=5)
    response = _act(world, "city_admin", meeting, "hold", **COUNTS)
    assert response.status_code == 422
    assert "開始日時より前に開催を記録することはできません。" in response.content.decode()
    past = meeting_in_state(world.community_a, "planned", days_from_now=-1)
    response = _act(world, "city_admin", past, "hold", attendance_residents="-3")
    assert response.status_code == 422 and "人数は0以上で入力してください。" in response.content.decode()
    assert set(Meeting.objects.values_list("status", flat=True)) == {"planned"}


def test_a_cancellation_needs_a_reason_and_shows_it(world):
    meeting = meeting_in_state(world.community_a, "planned", days_from_now=3)
    response = _act(world, "city_admin", meeting, "cancel", comment=" ")
    assert response.status_code == 422 and "中止の理由を入力してください。" in response.content.decode()
    assert _act(world, "city_admin", meeting, "cancel", comment="台風の接近のため").status_code == 302
    assert "台風の接近のため" in Client().get(meeting.get_absolute_url()).content.decode()
    assert "STATUS:CANCELLED" in Client().get(reverse("meetings:ical")).content.decode()


def test_the_ical_feed(world):
    meeting_in_state(world.community_a, "planned", days_from_now=7, title="移動市長室, 青葉; 第1回\\特別" + "長" * 60)
    response = Client().get(reverse("meetings:ical"))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "移動市長室\\, 青葉\\; 第1回\\\\特別" in unfolded
    assert "DTSTART:" in unfolded and "Z\r\n" in unfolded


def test_opinions_heard_at_a_meeting_and_their_published_answers(world):
    meeting = meeting_in_state(world.community_a, "held")
    client = world.client("branch_staff")
    url = reverse("dialogue_staff:meeting-opinion-create", args=[meeting.pk])
    data = {"kind": "request", "title": "集会所の修繕", "body": "雨漏りがする", "category": str(ensure_category().pk),
            "district": str(world.community_a.district.pk), "community": str(world.community_a.pk)}
    assert client.post(url, data).status_code == 302
    opinion = Opinion.objects.get()
    assert (opinion.meeting, opinion.source, opinion.status) == (meeting, "meeting", "received")
    assert opinion.received_on == timezone.localdate(meeting.starts_at)
    wrong = data | {"district": str(world.community_b.district.pk)}
    assert client.post(url, wrong).status_code == 422
    published = opinion_in_state(world.community_a, "published", title="公開済みの回答")
    Opinion.objects.filter(pk=published.pk).update(meeting=meeting)
    page = Client().get(meeting.get_absolute_url()).content.decode()
    assert "公開済みの回答" in page and "集会所の修繕" not in page


def test_no_opinion_before_the_meeting_is_held(world):
    meeting = meeting_in_state(world.community_a, "planned")
    url = reverse("dialogue_staff:meeting-opinion-create", args=[meeting.pk])
    data = {"kind": "request", "title": "t", "body": "b", "category": str(ensure_category().pk),
            "district": str(world.community_a.district.pk)}
    assert world.client("city_admin").post(url, data).status_code == 409
    assert not Opinion.objects.exists()


def _many(world, count):
    for index in range(count - Meeting.objects.count()):
        community = CommunityFactory(district=DistrictFactory(branch_office=world.branch_a))
        meeting_in_state(community, ["planned", "held", "minutes_published", "cancelled"][index % 4])


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_meeting_lists_run_constant_queries(world):
    anonymous, staff = Client(), world.client("branch_staff")
    pages = [(anonymous, reverse("meetings:list")), (anonymous, reverse("meetings:list") + "?when=past"),
             (anonymous, reverse("meetings:ical")), (staff, reverse("dialogue_staff:meeting-list"))]
    _many(world, 4)
    few = [_queries(client, url) for client, url in pages]
    _many(world, 40)
    assert [_queries(client, url) for client, url in pages] == few


def test_the_community_page_lists_its_meetings(world):
    meeting_in_state(world.community_a, "minutes_published", title="青葉の懇談会")
    meeting_in_state(world.community_b, "planned", title="緑の懇談会")
    page = Client().get(reverse("communities:detail", args=[world.community_a.slug])).content.decode()
    assert "青葉の懇談会" in page and "緑の懇談会" not in page
