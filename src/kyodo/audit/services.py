"""Writing to and verifying the audit log."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from kyodo.audit.models import AuditEvent

GENESIS_HASH = "0" * 64
# Any constant: the advisory lock that serialises appends on PostgreSQL. SQLite serialises
# writers itself (transactions begin IMMEDIATE).
_ADVISORY_LOCK_KEY = 7_231_001


def _canonical(event: AuditEvent) -> str:
    payload = {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "summary": event.summary,
        "data": event.data,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)


def compute_hash(event: AuditEvent, previous_hash: str) -> str:
    """sha256 of the previous hash and the row's canonical JSON."""
    return hashlib.sha256((previous_hash + _canonical(event)).encode()).hexdigest()


@transaction.atomic
def record_event(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    last = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
    event = AuditEvent(
        sequence=(last.sequence + 1) if last else 1,
        occurred_at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_label=str(getattr(actor, "username", "") or "system"),
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:500],
        # Round-trip through JSON so the stored value is exactly what was hashed.
        data=json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder)),
        previous_hash=last.hash if last else GENESIS_HASH,
    )
    event.hash = compute_hash(event, event.previous_hash)
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainVerification:
    ok: bool
    checked: int
    first_bad_sequence: int | None = None
    reason: str = ""


PROGRESS_EVERY = 2000


def verify_chain(on_progress: Callable[[int], None] | None = None) -> ChainVerification:
    """Recompute every hash in order; report the first row that was altered or is missing.

    ``on_progress(checked)`` is called every ``PROGRESS_EVERY`` rows (the staff page shows how far it is).
    """
    previous_hash = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=PROGRESS_EVERY):
        if on_progress is not None and checked and checked % PROGRESS_EVERY == 0:
            on_progress(checked)
        if event.sequence != expected_sequence:
            return ChainVerification(False, checked, expected_sequence, "missing row")
        if event.previous_hash != previous_hash:
            return ChainVerification(False, checked, event.sequence, "previous hash does not match")
        if compute_hash(event, previous_hash) != event.hash:
            return ChainVerification(False, checked, event.sequence, "row content does not match its hash")
        previous_hash = event.hash
        expected_sequence += 1
        checked += 1
    return ChainVerification(True, checked)
