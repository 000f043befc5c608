"""Checkpoints of the audit log's head, kept outside the database.

The hash chain shows a changed or removed row in the middle, but not the newest rows removed
together: what is left is still a valid chain. So the head (sequence, hash, time) is written out
now and then (``manage.py audit_checkpoint``: hourly from cron, and after each money decision as
a task) to a file (``settings.KYODO_AUDIT_CHECKPOINT_FILE``, one JSON object a line, only ever
appended) and to the application log (logger ``kyodo.audit.checkpoint``). ``verify_audit_log``
then checks that every checkpointed row is still there with the same hash, and names the rows
missing from the tail. docs/operations.md says how to keep the file out of reach of the database.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kyodo.audit.models import AuditEvent

log = logging.getLogger("kyodo.audit.checkpoint")


@dataclass(frozen=True)
class Checkpoint:
    sequence: int
    hash: str
    at: str  # ISO 8601, when the checkpoint was taken


def checkpoint_file() -> Path:
    return Path(settings.KYODO_AUDIT_CHECKPOINT_FILE)


def write_checkpoint(path: Path | None = None) -> Checkpoint | None:
    """Append the log's head to the checkpoint file (and the application log); None while the log is empty."""
    head = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
    if head is None:
        return None
    point = Checkpoint(sequence=head.sequence, hash=head.hash, at=timezone.now().isoformat())
    target = path or checkpoint_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"sequence": point.sequence, "hash": point.hash, "at": point.at}) + "\n"
    with open(target, "a", encoding="utf-8") as file:
        file.write(line)
        file.flush()
        os.fsync(file.fileno())
    log.info("audit checkpoint sequence=%s hash=%s at=%s", point.sequence, point.hash, point.at)
    return point


def read_checkpoints(path: Path | None = None) -> list[Checkpoint]:
    """Every checkpoint in the file (none if there is no file); a line that is not one is an error."""
    target = path or checkpoint_file()
    if not target.exists():
        return []
    points = []
    for number, line in enumerate(target.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            points.append(Checkpoint(sequence=int(item["sequence"]), hash=str(item["hash"]), at=str(item["at"])))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{target}: line {number} is not a checkpoint") from error
    return points


def checkpoint_problems(path: Path | None = None) -> list[str]:
    """What the database lacks against the checkpoints: rows missing from the tail, or a row whose
    hash differs from the one checkpointed (English, for the operator; empty if none)."""
    points = read_checkpoints(path)
    if not points:
        return []
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    problems = []
    newest = max(point.sequence for point in points)
    if newest > head:
        problems.append(f"rows #{head + 1}–#{newest} are missing from the end of the log "
                        f"(checkpointed up to #{newest}, the log ends at #{head})")
    stored = dict(AuditEvent.objects.filter(sequence__in={p.sequence for p in points}).values_list("sequence", "hash"))
    for point in points:
        if point.sequence in stored and stored[point.sequence] != point.hash:
            problems.append(f"row #{point.sequence} has another hash than checkpointed at {point.at}")
    return problems


@task()
def audit_checkpoint_task() -> int | None:
    """The checkpoint as a task (after a money decision)."""
    point = write_checkpoint()
    return point.sequence if point else None


def checkpoint_after_commit() -> None:
    """Take a checkpoint once the current transaction (a money decision) has committed."""
    transaction.on_commit(audit_checkpoint_task.enqueue)
