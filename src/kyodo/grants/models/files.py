"""Files attached to an application, and the reminders sent about its actuals report."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.attachments import StoredFile, stored_suffix
from kyodo.grants.models.applications import Application


def attachment_path(instance: Attachment, filename: str) -> str:
    """Stored under a name kyodo chooses: the uploaded name never reaches the file system."""
    return f"grants/{instance.application_id}/{uuid.uuid4().hex}{stored_suffix(instance.content_type)}"


class Attachment(StoredFile):
    """A file attached to an application: documents for the application, receipts for the actuals."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("申請の添付書類")
        RECEIPT = "receipt", _("領収書")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("ファイル"), upload_to=attachment_path, max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "kind", "uploaded_at", "pk"]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")
        constraints = [
            models.CheckConstraint(name="attachment_kind_valid", condition=models.Q(kind__in=["document", "receipt"])),
        ]

class Reminder(models.Model):
    """A reminder sent before (or after) an application's actuals report is due: each once."""

    class Kind(models.TextChoices):
        BEFORE_14 = "before_14", _("期限14日前")
        BEFORE_3 = "before_3", _("期限3日前")
        OVERDUE = "overdue", _("期限超過")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("報告期限"))
    recipients = models.PositiveSmallIntegerField(_("送信先の数"), default=0)
    sent_at = models.DateTimeField(_("送信日時"), auto_now_add=True)

    class Meta:
        ordering = ["application", "sent_at", "pk"]
        verbose_name = _("実績報告の督促")
        verbose_name_plural = _("実績報告の督促")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "due_on"], name="one_reminder_per_kind_and_due"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()}"
