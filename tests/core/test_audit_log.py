"""The audit log is append-only (database triggers) and hash-chained (verify_audit_log)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from kyodo.audit.models import AuditEvent
from kyodo.audit.services import GENESIS_HASH, record_event, verify_chain
from kyodo.audit.triggers import maintenance


@pytest.fixture
def three_events(world):
    actor = world.users["city_admin"]
    with maintenance():  # the world's accounts were audited as created: start from an empty log
        AuditEvent.objects.all().delete()
    return [
        record_event("plan.adopt", actor=actor, target=world.community_a, summary="one", data={"amount_yen": 1}),
        record_event("grant.award", actor=actor, target=world.community_b, summary="two", data={"amount_yen": 2}),
        record_event("grant.pay", actor=None, summary="three", data={"note": "日本語"}),
    ]


def test_events_are_chained(three_events):
    first, second, third = three_events
    assert [e.sequence for e in three_events] == [1, 2, 3]
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert first.actor_label == "t_city" and third.actor_label == "system"
    assert first.object_type == "communities.community"
    assert verify_chain().ok and verify_chain().checked == 3


@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET summary = 'x'", "DELETE FROM audit_auditevent"])
def test_the_database_refuses_update_and_delete(three_events, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 3
    assert list(AuditEvent.objects.values_list("summary", flat=True)) == ["one", "two", "three"]


def test_the_orm_cannot_change_a_row_either(three_events):
    event = AuditEvent.objects.get(sequence=2)
    event.summary = "changed"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=1).delete()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate(three_events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")


def _tamper(sequence: int, **changes) -> None:
    """Simulate someone with direct database access altering a row."""
    with maintenance():
        AuditEvent.objects.filter(sequence=sequence).update(**changes)


def test_verification_names_the_first_altered_row(three_events):
    _tamper(2, data={"amount_yen": 2_000_000})
    result = verify_chain()
    assert not result.ok
    assert result.first_bad_sequence == 2
    assert result.checked == 1
    with pytest.raises(CommandError, match="row #2"):
        call_command("verify_audit_log")


def test_verification_notices_a_removed_row(three_events):
    with maintenance():
        AuditEvent.objects.filter(sequence=2).delete()
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence, result.reason) == (False, 2, "missing row")


def test_verify_command_reports_an_intact_chain(three_events, capsys):
    call_command("verify_audit_log")
    assert "3 rows verified" in capsys.readouterr().out
