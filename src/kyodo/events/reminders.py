"""The day-before reminder to the people registered for an event.

A daily cron job (``send_event_reminders``) enqueues one ``send_event_reminders_task`` per event held tomorrow
(Japan time; its own date or one of its sessions) and not cancelled. The task mails each confirmed registrant who
gave an e-mail address and has not been reminded of that day: setting ``reminded_for`` to the day with
``UPDATE … WHERE reminded_for IS NULL OR reminded_for < day`` is the claim, so a person is reminded once per
date however often the job runs. People who gave a telephone number are not mailed (the
organiser calls them if needed). The mail goes through settings.EMAIL_BACKEND (the console by default).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task

from kyodo.audit.services import record_event
from kyodo.events.models import Event, EventStatus, Registration, RegistrationStatus
from kyodo.japanese_era import format_wareki

logger = logging.getLogger(__name__)


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    return start, start + dt.timedelta(days=1)


def events_on(day: dt.date) -> list[Event]:
    """Events (not cancelled, not drafts) held on ``day`` (local time): starting then, or with a session then."""
    start, end = _day_bounds(day)
    held = Q(starts_at__gte=start, starts_at__lt=end) | Q(sessions__starts_at__gte=start, sessions__starts_at__lt=end)
    return list(Event.objects.filter(held, status__in=[EventStatus.PUBLISHED, EventStatus.CLOSED]).distinct()
                .order_by("starts_at", "pk"))


def _session_on(event: Event, day: dt.date) -> tuple[dt.datetime, str]:
    """When and where ``event`` is held on ``day``."""
    start, end = _day_bounds(day)
    session = event.sessions.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at").first()
    if session is None:
        return event.starts_at, event.place
    return session.starts_at, session.place or event.place


def _message(event: Event, registration: Registration, starts_at: dt.datetime, place: str) -> tuple[str, str]:
    starts = timezone.localtime(starts_at)
    page = getattr(settings, "KYODO_SITE_URL", "").rstrip("/") + reverse("events:registered",
                                                                          args=[registration.token])
    values = {"title": event.title, "name": registration.name, "day": format_wareki(starts.date()),
              "time": starts.strftime("%H:%M"), "place": place}
    subject = _("【明日開催】%(title)s") % values
    lines = [_("%(name)sさん") % values,
             _("お申し込みの「%(title)s」は明日%(day)s %(time)sから、%(place)sで開催します。") % values]
    if event.materials:
        lines.append(_("持ち物・資料: %(materials)s") % {"materials": event.materials})
    lines += [_("参加できなくなった場合は、こちらから取り消してください: %(page)s") % {"page": page},
              _("このメールは開催の前日に自動で送信しています。")]
    return subject, "\n\n".join(lines)


def _not_reminded(day: dt.date) -> Q:
    return Q(reminded_for__isnull=True) | Q(reminded_for__lt=day)


@task()
def send_event_reminders_task(event_id: int, day: str) -> int:
    """Mail the confirmed registrants of ``event_id`` not yet reminded of ``day`` (ISO date); how many were
    mailed (idempotent)."""
    held_on = dt.date.fromisoformat(day)
    event = Event.objects.filter(pk=event_id).exclude(status=EventStatus.CANCELLED).first()
    if event is None:
        return 0
    starts_at, place = _session_on(event, held_on)
    candidates = list(event.registrations.filter(_not_reminded(held_on), status=RegistrationStatus.CONFIRMED,
                                                 contact__contains="@").order_by("pk"))
    sent = 0
    for registration in candidates:
        with transaction.atomic():
            claimed = Registration.objects.filter(_not_reminded(held_on), pk=registration.pk).update(
                reminded_for=held_on)
            if not claimed:
                continue
            subject, body = _message(event, registration, starts_at, place)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.contact])
            sent += 1
    if sent:
        with transaction.atomic():
            record_event("event.reminded", target=event, summary=event.title, data={"mailed": sent, "day": day})
    return sent


def enqueue_reminders(today: dt.date | None = None) -> int:
    """Enqueue the reminders of the events starting the day after ``today``; how many events."""
    day = (today or timezone.localdate()) + dt.timedelta(days=1)
    events = events_on(day)
    for event in events:
        result = send_event_reminders_task.enqueue(event.pk, day.isoformat())
        if result.status == TaskResultStatus.FAILED:
            logger.error("Reminders for event %s failed (retried on the next run):\n%s", event.pk,
                         "\n".join(error.traceback for error in result.errors))
    return len(events)
