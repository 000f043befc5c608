"""The events API: the public calendar without personal data, the organisers' list, participants
(logged), and a step with its refusals (409 stale, 403 not an organiser)."""

from __future__ import annotations

import pytest

from kyodo.audit.models import AuditEvent
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_the_public_calendar_shows_places_left_and_no_people(world):
    event = make_event(world.community_a, capacity=3)
    make_registration(event, 1)
    make_event(status="draft", title="下書き")
    body = world.client("anonymous").get("/api/v1/events").json()
    assert body["count"] == 1 and body["items"][0]["places_left"] == 2
    assert "太郎1" not in str(body) and "0191-21" not in str(body)
    one = world.client("anonymous").get(f"/api/v1/events/{event.pk}").json()
    assert one["title"] == event.title and "registrations" not in one


def test_organisers_read_participants_and_take_steps(world):
    event = make_event(world.community_a, status="draft")
    make_registration(make_event(world.community_a), 1)
    client = world.client("community_secretariat")
    listed = client.get("/api/v1/events/staff/events").json()
    assert {item["id"] for item in listed["items"]} >= {event.pk}
    participants = client.get(f"/api/v1/events/staff/events/{event.pk}/participants")
    assert participants.status_code == 200 and participants.json() == []
    assert AuditEvent.objects.filter(action="event.participants_viewed", object_id=str(event.pk)).count() == 1
    done = client.post(f"/api/v1/events/staff/events/{event.pk}/publish", {"version": 1},
                       content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "published"
    stale = client.post(f"/api/v1/events/staff/events/{event.pk}/close", {"version": 1},
                        content_type="application/json")
    assert stale.status_code == 409
    other = world.client("community_secretariat").post(
        f"/api/v1/events/staff/events/{make_event(world.community_b, status='draft').pk}/publish", {"version": 1},
        content_type="application/json")
    assert other.status_code == 403
