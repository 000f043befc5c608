"""On the day (check-in, the printed list, both logged) and out of kyodo (iCal feeds, the open-data CSV)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kyodo.audit.models import AuditEvent
from kyodo.events.attendance import mark_attended
from kyodo.events.feeds import OPEN_DATA_HEADER
from kyodo.events.models import Registration
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_check_in_records_who_came_and_the_list_shows_it(world):
    event = make_event(world.community_a, capacity=1)
    came = make_registration(event, 1)
    waiting = make_registration(event, 2)
    client = world.client("community_officer")
    page = client.get(f"/staff/events/{event.pk}/checkin/").content.decode()
    assert "一関 太郎1" in page and "一関 太郎2" not in page  # the waiting list does not come
    response = client.post(f"/staff/events/{event.pk}/checkin/{came.pk}/", {"attended": "1"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=came.pk).attended_at is not None
    printed = client.get(f"/staff/events/{event.pk}/attendance/").content.decode()
    assert "✓" in printed and "一関 太郎1" in printed
    assert AuditEvent.objects.filter(action="event.participants_viewed", object_id=str(event.pk)).count() == 2
    assert AuditEvent.objects.filter(action="event_registration.attend", object_id=str(came.pk)).count() == 1
    with pytest.raises(ValidationError):
        mark_attended(waiting, actor=world.users["city_admin"])
    client.post(f"/staff/events/{event.pk}/checkin/{came.pk}/", {"attended": "0"})
    assert Registration.objects.get(pk=came.pk).attended_at is None


def test_an_attended_registration_cannot_be_cancelled(world):
    event = make_event(world.community_a)
    registration = make_registration(event)
    mark_attended(registration, actor=world.users["city_admin"])
    response = world.client("city_admin").post(f"/staff/events/{event.pk}/registrations/{registration.pk}/cancel/")
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_ical_feeds_per_kind_and_per_community(world):
    ours = make_event(world.community_a, title="あおば交流会, 第1回")
    theirs = make_event(world.community_b, title="みどり交流会")
    make_event(status="draft", title="下書きの催し")
    body = Client().get("/events/calendar.ics").content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:あおば交流会\\, 第1回" in body and "みどり交流会" in body and "下書き" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    mine = Client().get(f"/events/calendar.ics?community={world.community_a.slug}").content.decode()
    assert f"UID:event-{ours.pk}@" in mine and f"UID:event-{theirs.pk}@" not in mine
    other_kind = Client().get("/events/calendar.ics?kind=nothing-like-this").content.decode()
    assert "BEGIN:VEVENT" not in other_kind


def test_the_open_data_csv_has_the_standard_columns_with_a_bom(world):
    make_event(title="協働講演会", title_kana="きょうどうこうえんかい", address="一関市竹山町7-2")
    make_event(status="draft", title="下書きの催し")
    response = Client().get("/events/open-data/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == OPEN_DATA_HEADER and len(rows[0]) == 32
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["イベント名"] == "協働講演会" and row["イベント名_カナ"] == "きょうどうこうえんかい"
    assert row["都道府県コード又は市区町村コード"] == "032093" and row["市区町村名"] == "一関市"
    assert len(row["開始時間"]) == 5 and row["定員"] == "10"
