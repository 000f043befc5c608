"""Events held on several dates: adding and removing dates, the span, the public page, iCal, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.events.models import Event, EventSession
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _add(client, event, starts_at, hours=2, **extra):
    return client.post(f"/staff/events/{event.pk}/sessions/new/", {
        "starts_at": _local(starts_at), "ends_at": _local(starts_at + dt.timedelta(hours=hours)),
        "version": Event.objects.get(pk=event.pk).version, **extra})


def test_an_event_gets_a_second_date_and_its_span_follows(world):
    event = make_event(world.community_a)
    first_start = event.starts_at
    client = world.client("community_secretariat")
    second = first_start + dt.timedelta(days=7)
    response = _add(client, event, second, note="第2回 グループワーク")
    assert response.status_code == 302
    event.refresh_from_db()
    sessions = list(event.sessions.all())
    assert len(sessions) == 2 and sessions[0].starts_at == first_start
    assert sessions[1].note == "第2回 グループワーク"
    assert event.starts_at == first_start and event.ends_at == sessions[1].ends_at
    assert AuditEvent.objects.filter(action="event.session_add").count() == 1
    page = Client().get(f"/events/{event.pk}/").content.decode()
    assert "日程" in page and "第2回 グループワーク" in page

    feed = Client().get("/events/calendar.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 2 and f"UID:event-{event.pk}-2@" in feed

    removed = client.post(f"/staff/events/{event.pk}/sessions/{sessions[0].pk}/remove/", {"version": event.version})
    assert removed.status_code == 302
    event.refresh_from_db()
    assert list(event.sessions.all()) == [sessions[1]] and event.starts_at == sessions[1].starts_at
    last = client.post(f"/staff/events/{event.pk}/sessions/{sessions[1].pk}/remove/", {"version": event.version})
    assert last.status_code == 302 and EventSession.objects.filter(event=event).count() == 1


def test_bad_dates_are_refused_in_japanese_and_nothing_changes(world):
    event = make_event(world.community_a)
    client = world.client("community_secretariat")
    backwards = _add(client, event, event.starts_at + dt.timedelta(days=3), hours=-1)
    assert backwards.status_code == 422 and "終了日時は開始日時より後" in backwards.content.decode()
    before_deadline = _add(client, event, timezone.now())
    assert before_deadline.status_code == 422 and "締切より後" in before_deadline.content.decode()
    script = _add(client, event, event.starts_at + dt.timedelta(days=3), note="<script>")
    assert script.status_code == 422
    assert not EventSession.objects.exists() and Event.objects.get(pk=event.pk).version == event.version


def test_a_stale_page_is_a_conflict(world):
    event = make_event(world.community_a)
    client = world.client("community_secretariat")
    data = {"starts_at": _local(event.starts_at + dt.timedelta(days=3)),
            "ends_at": _local(event.starts_at + dt.timedelta(days=3, hours=1)), "version": 1}
    assert client.post(f"/staff/events/{event.pk}/sessions/new/", data).status_code == 302
    assert client.post(f"/staff/events/{event.pk}/sessions/new/", data).status_code == 409
    assert EventSession.objects.count() == 2


def test_the_reminder_comes_the_day_before_each_date(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = make_event(days_ahead=3)
    EventSession.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    later = event.starts_at + dt.timedelta(days=7)
    EventSession.objects.create(event=event, starts_at=later, ends_at=later + dt.timedelta(hours=2), place="第2会場")
    make_registration(event, 1, contact="hanako@example.jp")
    mail.outbox.clear()
    for start in (event.starts_at, later):
        day_before = timezone.localtime(start).date() - dt.timedelta(days=1)
        call_command("send_event_reminders", "--date", day_before.isoformat())
        call_command("send_event_reminders", "--date", day_before.isoformat())
    assert len(mail.outbox) == 2 and "第2会場" in mail.outbox[1].body


def test_the_api_lists_an_events_dates(world):
    event = make_event()
    EventSession.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at, note="第1回")
    body = Client().get(f"/api/v1/events/{event.pk}").json()
    assert [s["note"] for s in body["sessions"]] == ["第1回"]


def test_the_edit_form_does_not_move_an_event_with_several_dates(world):
    from kyodo.events import services

    event = make_event(world.community_a)
    EventSession.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    fields["starts_at"] = event.starts_at - dt.timedelta(days=1)
    with pytest.raises(services.ValidationError) as refused:
        services.update_event(event, actor=world.users["city_admin"], version=event.version, **fields)
    assert "「日程」で変更" in str(refused.value)
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at
