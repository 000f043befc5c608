"""Reminders to the departments about answers due soon (3 days before) and overdue.

A daily cron job (``send_opinion_reminders``) enqueues one ``send_answer_reminder`` task per reminder due. Each
(opinion, kind, due date) is sent at most once: the AnswerReminder row's unique constraint is the claim, taken in
the same transaction as the audit event and the e-mail. The mail goes to the active staff of the departments the
opinion was routed to (the console back end by default: settings.EMAIL_BACKEND).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task

from kyodo.audit.services import record_event
from kyodo.dialogue.models import AnswerReminder, Opinion
from kyodo.dialogue.workflow import WAITING_FOR_DEPARTMENT
from kyodo.japanese_era import format_wareki

logger = logging.getLogger(__name__)
DUE_SOON_DAYS = 3


def kind_for(due_on: dt.date, today: dt.date) -> AnswerReminder.Kind | None:
    days_left = (due_on - today).days
    if days_left < 0:
        return AnswerReminder.Kind.OVERDUE
    if days_left <= DUE_SOON_DAYS:
        return AnswerReminder.Kind.DUE_SOON
    return None


def due_reminders(today: dt.date) -> list[tuple[Opinion, AnswerReminder.Kind]]:
    """Opinions waiting for an answer whose most urgent reminder for their due date is unsent (two queries)."""
    candidates = list(Opinion.objects.filter(
        status__in=WAITING_FOR_DEPARTMENT, due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS)).order_by(
        "due_on", "pk"))
    sent = set(AnswerReminder.objects.filter(opinion__in=[o.pk for o in candidates]).values_list(
        "opinion_id", "kind", "due_on"))
    due = []
    for opinion in candidates:
        assert opinion.due_on is not None
        kind = kind_for(opinion.due_on, today)
        if kind is not None and (opinion.pk, kind.value, opinion.due_on) not in sent:
            due.append((opinion, kind))
    return due


def _recipients(opinion: Opinion) -> list[str]:
    from kyodo.accounts.models import User
    from kyodo.accounts.roles import Role

    return sorted(set(User.objects.filter(
        is_active=True, role=Role.DEPARTMENT_STAFF, department__in=opinion.departments.all(),
    ).exclude(email="").values_list("email", flat=True)))


def _message(opinion: Opinion, kind: AnswerReminder.Kind, today: dt.date) -> tuple[str, str]:
    assert opinion.due_on is not None
    values = {"title": opinion.title, "due": format_wareki(opinion.due_on), "days": (opinion.due_on - today).days,
              "overdue_days": (today - opinion.due_on).days,
              "path": reverse("dialogue_staff:opinion-detail", args=[opinion.pk])}
    if kind == AnswerReminder.Kind.OVERDUE:
        subject = _("【意見と回答】回答期限を過ぎています:%(title)s") % values
        lead = _("意見「%(title)s」への回答は、期限の%(due)sを%(overdue_days)s日過ぎています。") % values
    else:
        subject = _("【意見と回答】回答期限が近づいています:%(title)s") % values
        lead = _("意見「%(title)s」への回答の期限は%(due)sです(残り%(days)s日)。") % values
    body = "\n\n".join([_("担当課 ご担当者様"), lead, _("意見の詳細: %(path)s") % values,
                        _("このメールは回答期限の前後に自動で送信しています。")])
    return subject, body


@task()
def send_answer_reminder(opinion_id: int, kind: str, today: str | None = None) -> bool:
    """Record and send one reminder; True if sent, False if already sent or no longer waiting (idempotent)."""
    reminder_kind = AnswerReminder.Kind(kind)
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    with transaction.atomic():
        opinion = Opinion.objects.filter(pk=opinion_id, status__in=WAITING_FOR_DEPARTMENT,
                                         due_on__isnull=False).first()
        if opinion is None or opinion.due_on is None:
            return False
        recipients = _recipients(opinion)
        try:
            with transaction.atomic():
                reminder = AnswerReminder.objects.create(opinion=opinion, kind=reminder_kind, due_on=opinion.due_on,
                                                         recipients=len(recipients))
        except IntegrityError:
            return False
        record_event("opinion.reminded", target=opinion, summary=f"{reminder_kind.label} ({opinion.due_on})",
                     data={"kind": reminder_kind.value, "due_on": opinion.due_on.isoformat(),
                           "recipients": len(recipients), "reminder": reminder.pk})
        if recipients:
            subject, body = _message(opinion, reminder_kind, day)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return True


def enqueue_due_reminders(today: dt.date | None = None) -> int:
    day = today or timezone.localdate()
    due = due_reminders(day)
    for opinion, kind in due:
        result = send_answer_reminder.enqueue(opinion.pk, kind.value, day.isoformat())
        if result.status == TaskResultStatus.FAILED:
            logger.error("Answer reminder %s for opinion %s failed (retried on the next run):\n%s", kind.value,
                         opinion.pk, "\n".join(error.traceback for error in result.errors))
    return len(due)
