"""The audit log: one row per decision or money movement, never updated, never deleted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One audited event. Rows are chained: ``hash`` covers the row and the previous hash.

    Database triggers refuse UPDATE and DELETE (see ``triggers.py``); ``verify_audit_log``
    recomputes the chain and names the first row that does not match.
    """

    sequence = models.BigIntegerField(_("連番"), unique=True)
    occurred_at = models.DateTimeField(_("日時"))
    # A plain id and a label, not a foreign key: deleting a user must not touch the log.
    actor_id = models.BigIntegerField(_("実行者ID"), null=True, blank=True)
    actor_label = models.CharField(_("実行者"), max_length=200, blank=True)
    action = models.CharField(_("操作"), max_length=100)
    object_type = models.CharField(_("対象の種類"), max_length=100, blank=True)
    object_id = models.CharField(_("対象ID"), max_length=64, blank=True)
    summary = models.CharField(_("概要"), max_length=500, blank=True)
    data = models.JSONField(_("内容"), default=dict, blank=True)
    previous_hash = models.CharField(_("前の行のハッシュ"), max_length=64)
    hash = models.CharField(_("ハッシュ"), max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"
