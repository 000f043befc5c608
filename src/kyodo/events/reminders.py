"""The day-before reminder to the people registered for an event.

A daily cron job (``send_event_reminders``) enqueues one ``send_event_reminders_task`` per event that starts
tomorrow (Japan time) and is not cancelled. The task mails each confirmed registrant who gave an e-mail address
and has not been reminded: setting ``reminded_at`` with ``UPDATE … WHERE reminded_at IS NULL`` is the claim, so a
person is reminded once however often the job runs. People who gave a telephone number are not mailed (the
organiser calls them if needed). The mail goes through settings.EMAIL_BACKEND (the console by default).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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
    """Events (not cancelled, not drafts) that start on ``day`` (local time)."""
    start, end = _day_bounds(day)
    return list(Event.objects.filter(starts_at__gte=start, starts_at__lt=end,
                                     status__in=[EventStatus.PUBLISHED, EventStatus.CLOSED]).order_by("starts_at"))


def _message(event: Event, registration: Registration) -> tuple[str, str]:
    starts = timezone.localtime(event.starts_at)
    page = getattr(settings, "KYODO_SITE_URL", "").rstrip("/") + reverse("events:registered",
                                                                          args=[registration.token])
    values = {"title": event.title, "name": registration.name, "day": format_wareki(starts.date()),
              "time": starts.strftime("%H:%M"), "place": event.place}
    subject = _("【明日開催】%(title)s") % values
    lines = [_("%(name)sさん") % values,
             _("お申し込みの「%(title)s」は明日%(day)s %(time)sから、%(place)sで開催します。") % values]
    if event.materials:
        lines.append(_("持ち物・資料: %(materials)s") % {"materials": event.materials})
    lines += [_("参加できなくなった場合は、こちらから取り消してください: %(page)s") % {"page": page},
              _("このメールは開催の前日に自動で送信しています。")]
    return subject, "\n\n".join(lines)


@task()
def send_event_reminders_task(event_id: int) -> int:
    """Mail the confirmed registrants of ``event_id`` not reminded yet; how many were mailed (idempotent)."""
    event = Event.objects.filter(pk=event_id).exclude(status=EventStatus.CANCELLED).first()
    if event is None:
        return 0
    candidates = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True,
                                                 contact__contains="@").order_by("pk"))
    sent = 0
    for registration in candidates:
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now())
            if not claimed:
                continue
            subject, body = _message(event, registration)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.contact])
            sent += 1
    if sent:
        with transaction.atomic():
            record_event("event.reminded", target=event, summary=event.title, data={"mailed": sent})
    return sent


def enqueue_reminders(today: dt.date | None = None) -> int:
    """Enqueue the reminders of the events starting the day after ``today``; how many events."""
    day = (today or timezone.localdate()) + dt.timedelta(days=1)
    events = events_on(day)
    for event in events:
        result = send_event_reminders_task.enqueue(event.pk)
        if result.status == TaskResultStatus.FAILED:
            logger.error("Reminders for event %s failed (retried on the next run):\n%s", event.pk,
                         "\n".join(error.traceback for error in result.errors))
    return len(events)
