"""Checkpoints of the audit log's head outside the database: removing the newest rows is found."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from kyodo.audit.checkpoints import checkpoint_problems, read_checkpoints, write_checkpoint
from kyodo.audit.models import AuditEvent
from kyodo.audit.services import record_event, verify_chain
from kyodo.audit.triggers import maintenance


@pytest.fixture
def four_events(world):
    with maintenance():  # the world's accounts were audited as created: start from an empty log
        AuditEvent.objects.all().delete()
    return [record_event(f"test.event{n}", actor=world.users["city_admin"], summary=str(n)) for n in range(4)]


def test_a_checkpoint_appends_the_head_to_the_file(four_events, capsys):
    call_command("audit_checkpoint")
    record_event("test.later")
    call_command("audit_checkpoint")
    lines = Path(settings.KYODO_AUDIT_CHECKPOINT_FILE).read_text().splitlines()
    assert [json.loads(line)["sequence"] for line in lines] == [4, 5]
    assert json.loads(lines[0])["hash"] == four_events[-1].hash
    assert "Checkpoint #5" in capsys.readouterr().out
    call_command("verify_audit_log")
    assert "2 checkpoints matched" in capsys.readouterr().out


def test_removing_the_newest_rows_is_found_and_the_missing_rows_named(four_events):
    write_checkpoint()
    with maintenance():
        AuditEvent.objects.filter(sequence__gte=3).delete()
    assert verify_chain().ok  # the chain alone cannot tell
    assert checkpoint_problems() == [
        "rows #3–#4 are missing from the end of the log (checkpointed up to #4, the log ends at #2)"]
    with pytest.raises(CommandError, match="rows #3–#4 are missing"):
        call_command("verify_audit_log")


def test_a_tail_rewritten_with_a_valid_chain_is_found(four_events):
    write_checkpoint()
    with maintenance():
        AuditEvent.objects.filter(sequence=4).delete()
    replacement = record_event("test.forged")  # sequence 4 again, chained correctly, another hash
    assert verify_chain().ok and replacement.sequence == 4
    assert checkpoint_problems()[0].startswith("row #4 has another hash than checkpointed")


def test_an_unreadable_checkpoint_file_is_an_error(four_events):
    Path(settings.KYODO_AUDIT_CHECKPOINT_FILE).write_text("not json\n")
    with pytest.raises(CommandError, match="line 1"):
        call_command("verify_audit_log")


def test_an_empty_log_writes_no_checkpoint(db):
    assert write_checkpoint() is None and read_checkpoints() == []


def test_a_money_decision_takes_a_checkpoint_after_it_commits(world, django_capture_on_commit_callbacks):
    from kyodo.grants.applications.decisions import award_application
    from tests.grants.factories import city_user, make_application

    application = make_application(world.community_b, status="recommended")
    with django_capture_on_commit_callbacks(execute=True):
        award_application(application, actor=city_user(), version=application.version, amount_yen=1000,
                          decision_number="一協第77号", decided_on=dt.date(2026, 6, 1))
    points = read_checkpoints()
    head = AuditEvent.objects.order_by("-sequence").first()
    assert len(points) == 1 and (points[0].sequence, points[0].hash) == (head.sequence, head.hash)
    assert head.action == "grant_application.award"
