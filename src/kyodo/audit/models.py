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
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The staff page filters by date range and by action, newest first.
            models.Index(fields=["occurred_at", "sequence"], name="audit_event_occurred_idx"),
            models.Index(fields=["action", "sequence"], name="audit_event_action_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"


class VerificationStatus(models.TextChoices):
    RUNNING = "running", _("検証中")
    OK = "ok", _("改ざんなし")
    BROKEN = "broken", _("改ざんの疑い")


class AuditVerification(models.Model):
    """One run of the audit log's verification (hash chain and checkpoints), from the page or the command."""

    requested_at = models.DateTimeField(_("検証の開始日時"))
    finished_at = models.DateTimeField(_("検証の終了日時"), null=True, blank=True)
    requested_by_label = models.CharField(_("実行者"), max_length=200)
    status = models.CharField(_("結果"), max_length=16, choices=VerificationStatus.choices,
                              default=VerificationStatus.RUNNING)
    checked_rows = models.PositiveBigIntegerField(_("検証した行数"), default=0)
    total_rows = models.PositiveBigIntegerField(_("検証する行数"), default=0)
    first_bad_sequence = models.BigIntegerField(_("最初の不一致の連番"), null=True, blank=True)
    reason = models.CharField(_("理由"), max_length=1000, blank=True)
    checkpoints_checked = models.PositiveIntegerField(_("照合したチェックポイント数"), default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("監査ログの検証")
        verbose_name_plural = _("監査ログの検証")

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def is_running(self) -> bool:
        return self.status == VerificationStatus.RUNNING

    @property
    def is_ok(self) -> bool:
        return self.status == VerificationStatus.OK

    @property
    def percent(self) -> int:
        """How far a running verification has come, 0–100."""
        if not self.total_rows:
            return 0
        return min(100, self.checked_rows * 100 // self.total_rows)
