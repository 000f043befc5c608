"""Verifying the chain from the page and the command: the result is stored and shown, broken rows named."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks import default_task_backend

from kyodo.audit.models import AuditEvent, AuditVerification, VerificationStatus
from kyodo.audit.triggers import maintenance
from kyodo.audit.verification import request_verification, start_verification


def _tamper(sequence: int, **changes) -> None:
    """Someone with direct database access alters a row."""
    with maintenance():
        AuditEvent.objects.filter(sequence=sequence).update(**changes)


def test_the_button_runs_a_verification_and_the_page_shows_it_ok(events, world, django_capture_on_commit_callbacks):
    client = world.client("city_admin")
    assert "まだ検証していません。" in client.get("/staff/audit/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/audit/verification/run/")
    assert response.status_code == 302
    stored = AuditVerification.objects.get()
    assert (stored.status, stored.checked_rows, stored.first_bad_sequence) == (VerificationStatus.OK, 3, None)
    assert stored.requested_by_label == "t_city" and stored.finished_at is not None
    html = client.get("/staff/audit/").content.decode()
    assert "audit-verification--ok" in html and "改ざんは見つかりませんでした" in html
    assert "3 行のハッシュ" in html


def test_the_button_enqueues_the_task_after_commit(events, world, django_capture_on_commit_callbacks):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        with django_capture_on_commit_callbacks(execute=True):
            world.client("city_admin").post("/staff/audit/verification/run/")
        [queued] = default_task_backend.results
    stored = AuditVerification.objects.get()
    assert queued.task.name == "verify_audit_log_task" and queued.kwargs == {"verification_id": stored.pk}
    # Until the task runs, the page says it is running and polls the panel.
    html = world.client("city_admin").get("/staff/audit/").content.decode()
    assert "検証中…" in html and 'hx-get="/staff/audit/verification/"' in html
    fragment = world.client("city_admin").get("/staff/audit/verification/").content.decode()
    assert "検証中…" in fragment and "<html" not in fragment
    # A second press while it runs starts nothing new.
    assert request_verification(actor=world.users["city_admin"]).pk == stored.pk


def test_a_tampered_row_shows_the_broken_state_with_the_first_bad_row(events, world,
                                                                    django_capture_on_commit_callbacks):
    _tamper(events[1].sequence, summary="書き換えた")
    with django_capture_on_commit_callbacks(execute=True):
        world.client("city_admin").post("/staff/audit/verification/run/", HTTP_HX_REQUEST="true")
    stored = AuditVerification.objects.get()
    assert (stored.status, stored.first_bad_sequence, stored.checked_rows) == (
        VerificationStatus.BROKEN, events[1].sequence, 1)
    html = world.client("city_admin").get("/staff/audit/").content.decode()
    assert "audit-verification--broken" in html and "改ざんの疑いがあります" in html
    assert f'<a href="/staff/audit/{events[1].sequence}/">連番 {events[1].sequence}</a>' in html
    assert "行の内容がハッシュと一致しません" in html
    assert '<tr class="audit-row--bad">' in html and "不一致" in html  # the row is marked in the list too
    assert "改ざんの疑いがあります" in world.client("city_admin").get("/staff/").content.decode()


def test_the_command_stores_its_result_too(events):
    call_command("verify_audit_log")
    assert AuditVerification.objects.get().status == VerificationStatus.OK
    _tamper(events[0].sequence, data={"amount_yen": 1})
    with pytest.raises(CommandError, match=f"row #{events[0].sequence}"):
        call_command("verify_audit_log")
    latest = AuditVerification.objects.order_by("-pk").first()
    assert (latest.status, latest.first_bad_sequence) == (VerificationStatus.BROKEN, events[0].sequence)


def test_progress_is_a_share_of_the_rows(empty_log):
    verification = start_verification(requested_by="test")
    verification.total_rows, verification.checked_rows = 8000, 2000
    assert verification.percent == 25
