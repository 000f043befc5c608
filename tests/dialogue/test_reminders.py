"""Reminders to the departments: 3 days before an answer is due and once overdue, each sent once, to the staff of
the routed departments; nothing for answered opinions."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.dialogue.models import AnswerReminder
from kyodo.dialogue.reminders import enqueue_due_reminders
from tests.dialogue.factories import opinion_in_state


def test_due_soon_and_overdue_reminders_are_sent_once(world):
    staff = world.users["department_staff"]
    staff.email = "dept@example.jp"
    staff.save()
    today = timezone.localdate()
    soon = opinion_in_state(world.community_a, "routed", received_on=today - dt.timedelta(days=5), due_in_days=7,
                            title="期限間近")
    late = opinion_in_state(world.community_b, "returned", received_on=today - dt.timedelta(days=40),
                            due_in_days=30, title="期限切れ")
    opinion_in_state(world.community_a, "routed", received_on=today, due_in_days=30, title="まだ先")
    opinion_in_state(world.community_a, "answered", received_on=today - dt.timedelta(days=40), due_in_days=30)
    assert enqueue_due_reminders(today) == 2
    assert {(r.opinion_id, r.kind) for r in AnswerReminder.objects.all()} == {(soon.pk, "due_soon"),
                                                                             (late.pk, "overdue")}
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["【意見と回答】回答期限が近づいています:期限間近",
                        "【意見と回答】回答期限を過ぎています:期限切れ"]
    assert all(message.to == ["dept@example.jp"] for message in mail.outbox)
    assert AuditEvent.objects.filter(action="opinion.reminded").count() == 2
    call_command("send_opinion_reminders")
    assert AnswerReminder.objects.count() == 2 and len(mail.outbox) == 2
