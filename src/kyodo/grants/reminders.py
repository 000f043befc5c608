"""Reminders before (and after) an application's actuals report (実績報告) is due.

A daily cron job (``send_grant_reminders``) enqueues one ``send_reminder`` task per reminder
due. Each (application, kind, due date) is sent at most once: the Reminder row's unique
constraint is the claim, taken in the same transaction as the audit event and the e-mail, so a
second run (or a concurrent worker) records and mails nothing.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task

from kyodo.audit.services import record_event
from kyodo.grants.applications.workflow import ApplicationStatus
from kyodo.grants.models import Application, Reminder
from kyodo.japanese_era import format_wareki

# No actuals report submitted yet (or it was returned): the report is still owed.
REPORT_OWED = (ApplicationStatus.AWARDED, ApplicationStatus.CHANGE_REQUESTED, ApplicationStatus.REPORT_RETURNED)

logger = logging.getLogger(__name__)

FIRST_REMINDER_DAYS = 14
LAST_REMINDER_DAYS = 3


def kind_for(due_on: dt.date, today: dt.date) -> Reminder.Kind | None:
    """The most urgent reminder that applies ``today`` to a report due on ``due_on`` (None if too early)."""
    days_left = (due_on - today).days
    if days_left < 0:
        return Reminder.Kind.OVERDUE
    if days_left <= LAST_REMINDER_DAYS:
        return Reminder.Kind.BEFORE_3
    if days_left <= FIRST_REMINDER_DAYS:
        return Reminder.Kind.BEFORE_14
    return None


def due_reminders(today: dt.date) -> list[tuple[Application, Reminder.Kind]]:
    """Applications owing a report whose most urgent reminder for their current due date is unsent.

    Two queries whatever the number of applications."""
    candidates = list(
        Application.objects.filter(
            status__in=REPORT_OWED, rule__actuals_due_on__lte=today + dt.timedelta(days=FIRST_REMINDER_DAYS)
        )
        .select_related("rule", "program", "community")
        .order_by("rule__actuals_due_on", "pk")
    )
    sent = set(
        Reminder.objects.filter(application__in=[a.pk for a in candidates]).values_list(
            "application_id", "kind", "due_on"
        )
    )
    due: list[tuple[Application, Reminder.Kind]] = []
    for application in candidates:
        due_on = application.rule.actuals_due_on
        kind = kind_for(due_on, today)
        if kind is not None and (application.pk, kind.value, due_on) not in sent:
            due.append((application, kind))
    return due


def _recipients(application: Application, kind: Reminder.Kind) -> list[str]:
    """The community's active accounts with an e-mail address; when overdue, also its branch's staff."""
    from kyodo.accounts.models import User
    from kyodo.accounts.roles import Role

    emails = set(
        User.objects.filter(is_active=True, community_id=application.community_id)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if kind == Reminder.Kind.OVERDUE:
        emails |= set(
            User.objects.filter(
                is_active=True, role=Role.BRANCH_STAFF,
                branch_office_id=application.community.district.branch_office_id,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return sorted(emails)


def _message(application: Application, kind: Reminder.Kind, due_on: dt.date, today: dt.date) -> tuple[str, str]:
    """The Japanese subject and body of one reminder."""
    values = {
        "community": application.community.name,
        "program": application.program.name,
        "year": application.fiscal_year_obj.wareki,
        "title": application.title,
        "due": format_wareki(due_on),
        "days": (due_on - today).days,
        "overdue_days": (today - due_on).days,
        "path": reverse("grants_staff:application-detail", args=[application.pk]),
    }
    if kind == Reminder.Kind.OVERDUE:
        subject = _("【補助金】実績報告の期限を過ぎています:%(title)s") % values
        lead = _("%(program)s %(year)sの申請「%(title)s」の実績報告は、期限の%(due)sを%(overdue_days)s日過ぎています。"
                 "速やかに提出してください。") % values
    else:
        subject = _("【補助金】実績報告の期限が近づいています:%(title)s") % values
        lead = _("%(program)s %(year)sの申請「%(title)s」の実績報告の期限は%(due)sです(残り%(days)s日)。") % values
    body = "\n\n".join([
        _("%(community)s ご担当者様") % values,
        lead,
        _("申請の詳細: %(path)s") % values,
        _("このメールは期限の前後に自動で送信しています。提出済みの場合は行き違いですのでご容赦ください。"),
    ])
    return subject, body


@task()
def send_reminder(application_id: int, kind: str, today: str | None = None) -> bool:
    """Record and send one reminder; True if sent, False if already sent or no longer owed (idempotent).

    ``today`` (ISO date, default the local date) is the day the reminder was found due."""
    reminder_kind = Reminder.Kind(kind)
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    with transaction.atomic():
        application = (
            Application.objects.select_related("rule", "program", "community__district")
            .filter(pk=application_id, status__in=REPORT_OWED)
            .first()
        )
        if application is None:
            return False
        due_on = application.rule.actuals_due_on
        recipients = _recipients(application, reminder_kind)
        try:
            # The unique constraint is the claim: a concurrent worker waits here, then fails.
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    application=application, kind=reminder_kind, due_on=due_on, recipients=len(recipients)
                )
        except IntegrityError:
            return False
        record_event(
            "grant_application.reminded",
            target=application,
            summary=f"{reminder_kind.label} ({due_on.isoformat()})",
            data={"kind": reminder_kind.value, "due_on": due_on.isoformat(), "recipients": len(recipients),
                  "reminder": reminder.pk},
        )
        if recipients:
            # Inside the transaction: if the mail cannot be handed over, nothing is recorded and
            # tomorrow's run tries again.
            subject, body = _message(application, reminder_kind, due_on, day)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return True


def enqueue_due_reminders(today: dt.date | None = None) -> int:
    """Enqueue one ``send_reminder`` task per reminder due ``today``; the number enqueued."""
    day = today or timezone.localdate()
    due = due_reminders(day)
    for application, kind in due:
        result = send_reminder.enqueue(application.pk, kind.value, day.isoformat())
        if result.status == TaskResultStatus.FAILED:  # known at once with the immediate backend
            logger.error("Reminder %s for application %s failed (retried on the next run):\n%s", kind.value,
                         application.pk, "\n".join(error.traceback for error in result.errors))
    return len(due)


def reminders_for(application: Application) -> QuerySet[Reminder]:
    """The reminders sent for ``application``, oldest first (for its detail page)."""
    return Reminder.objects.filter(application=application).order_by("sent_at", "pk")
