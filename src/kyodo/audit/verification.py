"""Verifying the audit log from the staff page and the command, with the result kept for the page.

A verification reads every row (seconds on a big log), so the page's button only records a request and
enqueues :func:`verify_audit_log_task`; the page polls the row until it is no longer running. The command
``verify_audit_log`` runs the same :func:`run_verification` in its own process.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from kyodo.audit.checkpoints import checkpoint_problems, read_checkpoints
from kyodo.audit.models import AuditEvent, AuditVerification, VerificationStatus
from kyodo.audit.services import verify_chain

# A verification still "running" after this long died with its worker: a new request may start another.
STALE_AFTER = dt.timedelta(minutes=30)

# verify_chain's reasons (English, for the operator) as the page says them.
REASON_LABELS = {
    "missing row": _("行が欠けています(削除された可能性があります)。"),
    "previous hash does not match": _("前の行のハッシュが一致しません。"),
    "row content does not match its hash": _("行の内容がハッシュと一致しません(書き換えられた可能性があります)。"),
}


def latest_verification() -> AuditVerification | None:
    """The newest verification, running or finished."""
    return AuditVerification.objects.order_by("-requested_at", "-pk").first()


def start_verification(*, requested_by: str) -> AuditVerification:
    """Record a verification as running (who asked, how many rows it will read)."""
    return AuditVerification.objects.create(
        requested_at=timezone.now(), requested_by_label=requested_by[:200],
        total_rows=AuditEvent.objects.count(),
    )


def run_verification(verification: AuditVerification) -> AuditVerification:
    """Verify the chain and the checkpoints; store and return the result."""

    def progress(checked: int) -> None:
        AuditVerification.objects.filter(pk=verification.pk).update(checked_rows=checked)

    result = verify_chain(on_progress=progress)
    verification.checked_rows = result.checked
    verification.first_bad_sequence = result.first_bad_sequence
    verification.reason = result.reason
    verification.status = VerificationStatus.OK if result.ok else VerificationStatus.BROKEN
    if result.ok:
        try:
            problems = checkpoint_problems()
            verification.checkpoints_checked = len(read_checkpoints())
        except ValueError as error:
            problems = [f"checkpoint file unreadable: {error}"]
        if problems:
            verification.status = VerificationStatus.BROKEN
            verification.reason = "; ".join(problems)[:1000]
    verification.finished_at = timezone.now()
    verification.save()
    return verification


@task()
def verify_audit_log_task(verification_id: int) -> str:
    """Run a verification the staff page requested."""
    verification = AuditVerification.objects.get(pk=verification_id)
    return run_verification(verification).status


def request_verification(*, actor: Any) -> AuditVerification:
    """Start a verification in the background, unless one is already running; return it."""
    running = (AuditVerification.objects.filter(status=VerificationStatus.RUNNING,
                                                requested_at__gte=timezone.now() - STALE_AFTER)
               .order_by("-requested_at").first())
    if running is not None:
        return running
    verification = start_verification(requested_by=str(getattr(actor, "username", "") or actor))
    transaction.on_commit(lambda: verify_audit_log_task.enqueue(verification_id=verification.pk))
    return verification


def reason_label(verification: AuditVerification) -> Any:
    """The reason of a broken verification in the page's language (a checkpoint problem stays as written)."""
    return REASON_LABELS.get(verification.reason, verification.reason)
