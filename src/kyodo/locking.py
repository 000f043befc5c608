"""Optimistic locking: a ``version`` column and a compare-and-swap UPDATE.

``select_for_update()`` does nothing on SQLite, so every workflow or edited object carries a
``version``; a write succeeds only if the row still has the version the user saw:
``UPDATE … SET version = version + 1 WHERE id = ? AND version = ?``. The winner then saves
its fields in the same transaction (a normal save, so row history records it); the loser's
UPDATE matches no row and nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A row under optimistic locking: ``version`` counts its saves, so a stale edit can be refused."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleObject(Exception):
    """Someone else changed the object after it was read; nothing was saved."""

    message = _("他の方が先に更新しました。最新の内容を確認してから、もう一度操作してください。")

    def __str__(self) -> str:
        return str(self.message)


def claim_version(instance: Versioned, expected_version: int) -> None:
    """Compare-and-swap the row's version; raises StaleObject if another write got there first.

    Call inside ``transaction.atomic()``: the row stays locked (PostgreSQL) or the database
    stays reserved (SQLite, IMMEDIATE transactions) until the caller commits.
    """
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if updated != 1:
        raise StaleObject
    instance.version = expected_version + 1


def save_with_version(instance: Versioned, fields: Iterable[str], *, expected_version: int) -> None:
    """Save ``fields`` only if the row still has ``expected_version``; bumps the version."""
    with transaction.atomic():
        claim_version(instance, expected_version)
        instance.save(update_fields=[*fields, "version"])
