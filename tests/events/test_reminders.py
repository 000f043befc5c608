"""The day-before reminder: confirmed registrants with an e-mail address, each once, by a daily command."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.events.models import Registration
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _tomorrow_event(**fields):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts_at = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(13)))
    now = timezone.now()
    return make_event(starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2),
                      registration_opens_at=now - dt.timedelta(days=5),
                      registration_closes_at=now + dt.timedelta(hours=1), capacity=2, **fields)


def test_confirmed_registrants_with_an_email_are_reminded_once(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = _tomorrow_event(materials="筆記用具")
    mailed = make_registration(event, 1, contact="hanako@example.jp")
    make_registration(event, 2, contact="0191-21-2111")  # a telephone number: the organiser calls
    waiting = make_registration(event, 3, contact="waiting@example.jp")
    assert waiting.status == "waiting"
    later = make_event(title="来週の研修", days_ahead=8)
    make_registration(later, 4, contact="later@example.jp")
    mail.outbox.clear()

    call_command("send_event_reminders")
    assert [message.to for message in mail.outbox] == [["hanako@example.jp"]]
    message = mail.outbox[0]
    assert "明日開催" in message.subject and event.title in message.subject
    assert "筆記用具" in message.body and f"/events/registrations/{mailed.token}/" in message.body
    assert Registration.objects.get(pk=mailed.pk).reminded_for == timezone.localdate() + dt.timedelta(days=1)
    assert AuditEvent.objects.get(action="event.reminded").data["mailed"] == 1

    call_command("send_event_reminders")
    assert len(mail.outbox) == 1


def test_a_cancelled_event_sends_no_reminder(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = _tomorrow_event()
    make_registration(event, 1, contact="hanako@example.jp")
    type(event).objects.filter(pk=event.pk).update(status="cancelled")
    mail.outbox.clear()
    call_command("send_event_reminders")
    assert mail.outbox == []


def test_the_command_may_act_for_another_day(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = make_event(days_ahead=10)
    make_registration(event, 1, contact="hanako@example.jp")
    mail.outbox.clear()
    day_before = timezone.localtime(event.starts_at).date() - dt.timedelta(days=1)
    call_command("send_event_reminders", "--date", day_before.isoformat())
    assert len(mail.outbox) == 1
