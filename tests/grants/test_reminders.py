"""Reminders before (and after) the actuals report is due: which, to whom, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from kyodo.audit.models import AuditEvent
from kyodo.grants.models import ProgramRule, Reminder
from kyodo.grants.reminders import due_reminders, enqueue_due_reminders, reminders_for, send_reminder
from tests.factories import UserFactory
from tests.grants.factories import make_application

TODAY = dt.date(2026, 11, 30)
K = Reminder.Kind


def due_in(application, days: int, today: dt.date = TODAY) -> dt.date:
    due_on = today + dt.timedelta(days=days)
    ProgramRule.objects.filter(pk=application.rule_id).update(actuals_due_on=due_on)
    return due_on


def with_emails(world) -> None:
    for role, email in [("community_secretariat", "jimu@example.jp"), ("community_officer", "kaicho@example.jp"),
                        ("branch_staff", "shisho@example.jp"), ("city_admin", "city@example.jp")]:
        user = world.users[role]
        user.email = email
        user.save(update_fields=["email"])


@pytest.mark.parametrize(("days", "kind"), [
    (15, None), (14, K.BEFORE_14), (4, K.BEFORE_14), (3, K.BEFORE_3), (0, K.BEFORE_3), (-1, K.OVERDUE),
    (-40, K.OVERDUE),
])
def test_the_most_urgent_kind_is_due(world, days, kind):
    application = make_application(world.community_a, status="awarded")
    due_in(application, days)
    expected = [] if kind is None else [(application.pk, kind)]
    assert [(a.pk, k) for a, k in due_reminders(TODAY)] == expected


@pytest.mark.parametrize("status", ["awarded", "change_requested", "report_returned"])
def test_every_state_owing_a_report_is_reminded(world, status):
    application = make_application(world.community_a, status=status)
    due_in(application, 3)
    assert [(a.pk, k) for a, k in due_reminders(TODAY)] == [(application.pk, K.BEFORE_3)]


@pytest.mark.parametrize("status", ["draft", "submitted", "recommended", "rejected", "reported", "settled", "closed"])
def test_states_not_owing_a_report_get_nothing(world, status):
    with_emails(world)
    application = make_application(world.community_a, status=status)
    due_in(application, -1)
    assert due_reminders(TODAY) == []
    assert enqueue_due_reminders(TODAY) == 0
    assert send_reminder.call(application.pk, K.OVERDUE.value, TODAY.isoformat()) is False
    assert Reminder.objects.count() == 0
    assert mail.outbox == []


def test_a_kind_already_sent_is_not_due_again_and_no_lesser_kind_is_sent_late(world):
    application = make_application(world.community_a, status="awarded")
    due_on = due_in(application, 2)
    Reminder.objects.create(application=application, kind=K.BEFORE_3, due_on=due_on)
    assert due_reminders(TODAY) == []  # not before_14 either, though it was never sent
    assert [k for _a, k in due_reminders(due_on + dt.timedelta(days=1))] == [K.OVERDUE]


def test_a_moved_due_date_is_reminded_again(world):
    application = make_application(world.community_a, status="awarded")
    Reminder.objects.create(application=application, kind=K.BEFORE_14, due_on=TODAY + dt.timedelta(days=10))
    due_in(application, 12)
    assert [k for _a, k in due_reminders(TODAY)] == [K.BEFORE_14]


def test_sending_twice_records_and_mails_once(world):
    with_emails(world)
    application = make_application(world.community_a, status="awarded")
    due_on = due_in(application, 14)
    assert enqueue_due_reminders(TODAY) == 1
    assert send_reminder.call(application.pk, K.BEFORE_14.value, TODAY.isoformat()) is False
    assert enqueue_due_reminders(TODAY) == 0
    reminder = Reminder.objects.get()
    assert (reminder.application_id, reminder.kind, reminder.due_on, reminder.recipients) == (
        application.pk, K.BEFORE_14, due_on, 2)
    assert len(mail.outbox) == 1
    assert list(reminders_for(application)) == [reminder]


def test_before_the_due_date_the_community_is_mailed_in_japanese(world):
    with_emails(world)
    UserFactory(username="other_community", community=world.community_b, role="community_secretariat",
                email="other@example.jp")
    application = make_application(world.community_a, status="awarded")
    due_in(application, 3)
    enqueue_due_reminders(TODAY)
    (message,) = mail.outbox
    assert sorted(message.to) == ["jimu@example.jp", "kaicho@example.jp"]
    assert "期限が近づいています" in message.subject and application.title in message.subject
    assert application.program.name in message.body
    assert application.fiscal_year_obj.wareki in message.body
    assert "令和8年(2026年)12月3日" in message.body and "残り3日" in message.body
    assert reverse("grants_staff:application-detail", args=[application.pk]) in message.body


def test_when_overdue_the_branch_staff_are_mailed_too(world):
    with_emails(world)
    UserFactory(username="other_branch", role="branch_staff", branch_office=world.branch_b, email="b@example.jp")
    application = make_application(world.community_a, status="report_returned")
    due_in(application, -1)
    enqueue_due_reminders(TODAY)
    (message,) = mail.outbox
    assert sorted(message.to) == ["jimu@example.jp", "kaicho@example.jp", "shisho@example.jp"]
    assert "期限を過ぎています" in message.subject and "1日過ぎています" in message.body


def test_inactive_accounts_and_accounts_without_email_get_nothing(world):
    with_emails(world)
    officer = world.users["community_officer"]
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    UserFactory(username="no_mail", community=world.community_a, role="community_secretariat", email="")
    application = make_application(world.community_a, status="awarded")
    due_in(application, 10)
    enqueue_due_reminders(TODAY)
    (message,) = mail.outbox
    assert message.to == ["jimu@example.jp"]
    assert Reminder.objects.get().recipients == 1


def test_no_recipient_still_records_the_reminder_once(world):
    application = make_application(world.community_a, status="awarded")
    due_in(application, 10)
    assert enqueue_due_reminders(TODAY) == 1
    assert mail.outbox == []
    assert Reminder.objects.get().recipients == 0
    assert enqueue_due_reminders(TODAY) == 0


def test_each_reminder_is_audited(world):
    with_emails(world)
    application = make_application(world.community_a, status="awarded")
    due_on = due_in(application, 5)
    enqueue_due_reminders(TODAY)
    event = AuditEvent.objects.get(action="grant_application.reminded")
    assert event.data["kind"] == "before_14" and event.data["due_on"] == due_on.isoformat()
    assert event.data["recipients"] == 2
    send_reminder.call(application.pk, K.BEFORE_14.value)
    assert AuditEvent.objects.filter(action="grant_application.reminded").count() == 1


def test_the_command_enqueues_and_sends(world):
    with_emails(world)
    first = make_application(world.community_a, status="awarded")
    second = make_application(world.community_b, status="awarded")  # same rule, same due date
    due_in(first, -3)
    out = StringIO()
    call_command("send_grant_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert "Enqueued 2 grant reminder(s)." in out.getvalue()
    assert sorted(Reminder.objects.values_list("application_id", "kind")) == sorted(
        [(first.pk, K.OVERDUE), (second.pk, K.OVERDUE)])
    assert len(mail.outbox) == 1  # community B has no account with an address
    out = StringIO()
    call_command("send_grant_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert "Enqueued 0 grant reminder(s)." in out.getvalue()
    assert len(mail.outbox) == 1


def test_due_reminders_query_count_does_not_grow(world, django_assert_num_queries):
    applications = [make_application(community, status="awarded") for community in (world.community_a,
                                                                                      world.community_b)]
    due_in(applications[0], 1)
    with django_assert_num_queries(2):
        assert len(due_reminders(TODAY)) == 2


def test_a_mail_that_cannot_be_sent_records_nothing_and_is_retried(world, monkeypatch, caplog):
    with_emails(world)
    application = make_application(world.community_a, status="awarded")
    due_in(application, 10)

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("kyodo.grants.reminders.send_mail", refuse)
    assert enqueue_due_reminders(TODAY) == 1
    assert "mail server down" in caplog.text
    assert Reminder.objects.count() == 0
    assert not AuditEvent.objects.filter(action="grant_application.reminded").exists()
    monkeypatch.undo()
    assert enqueue_due_reminders(TODAY) == 1
    assert Reminder.objects.count() == 1 and len(mail.outbox) == 1
