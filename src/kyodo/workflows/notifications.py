"""Notifications after a transition commits: enqueued as a task, never able to undo the decision.

The decision is committed before anything is sent. Enqueueing happens in ``transaction.on_commit``;
a failure there (or in the task, with the immediate backend) is logged for the operators and the
person who took the action still sees their decision succeed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import TaskResultStatus, task

from kyodo.workflows.registry import REGISTRY

logger = logging.getLogger("kyodo.workflows")


@task()
def notify_transition(workflow: str, object_id: int, action: str, comment: str = "") -> None:
    """Send what the workflow sends after ``action`` (e-mail to the parties)."""
    declared = REGISTRY[workflow]
    model = declared.transition_model._meta.get_field(declared.subject_field).related_model
    obj = declared.reload(model._default_manager.get(pk=object_id))  # type: ignore[union-attr]
    declared.notify(obj, action, comment)


def notify_after_commit(workflow: Any, object_id: int, action: str, comment: str) -> None:
    """Enqueue the notification once the transaction commits; log, never raise, when that fails."""

    def enqueue() -> None:
        try:
            result = notify_transition.enqueue(
                workflow=workflow.name, object_id=object_id, action=action, comment=comment
            )
        except Exception:
            logger.exception("could not enqueue the notification of %s.%s on %s", workflow.name, action, object_id)
            return
        if result.status == TaskResultStatus.FAILED:  # the immediate backend ran it here, and it failed
            logger.error("the notification of %s.%s on %s failed: %s", workflow.name, action, object_id,
                         "; ".join(error.traceback for error in result.errors))

    transaction.on_commit(enqueue)
