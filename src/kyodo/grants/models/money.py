"""The money of an application: the award (交付決定), the settlement (額の確定) and payments."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.grants.models.applications import Application


class Award(models.Model):
    """交付決定: the city's decision to grant an amount for an application."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    amount_yen = models.PositiveIntegerField(_("交付決定額(円)"))
    conditions = models.TextField(_("交付の条件"), blank=True)
    decision_number = models.CharField(_("交付決定番号"), max_length=50, unique=True)
    decided_on = models.DateField(_("交付決定日"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("決定者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "pk"]
        verbose_name = _("交付決定")
        verbose_name_plural = _("交付決定")
        constraints = [
            models.CheckConstraint(name="award_amount_not_negative", condition=models.Q(amount_yen__gte=0)),
        ]

    def __str__(self) -> str:
        return self.decision_number


class Settlement(models.Model):
    """額の確定: the settled amount = the eligible actuals, at most the award; confirmed by the city."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="settlement")
    award_yen = models.PositiveIntegerField(_("交付決定額(円)"))
    actual_total_yen = models.PositiveIntegerField(_("支出額の合計(円)"))
    eligible_actuals_yen = models.PositiveIntegerField(_("補助対象の支出額(円)"))
    settled_yen = models.PositiveIntegerField(_("確定額(円)"))
    notice_number = models.CharField(_("確定通知番号"), max_length=50, unique=True)
    settled_on = models.DateField(_("確定日"))
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("確定者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-settled_on", "pk"]
        verbose_name = _("額の確定")
        verbose_name_plural = _("額の確定")
        constraints = [
            models.CheckConstraint(
                name="settlement_within_award_and_actuals",
                condition=models.Q(settled_yen__lte=models.F("award_yen"))
                & models.Q(settled_yen__lte=models.F("eligible_actuals_yen")),
            ),
        ]

    def __str__(self) -> str:
        return self.notice_number


class Payment(models.Model):
    """A money movement of an application: advance payment, final payment, or a refund received.

    Idempotent twice over: each kind at most once per application, and each submission's key once."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("概算払")
        FINAL = "final", _("精算払")
        REFUND = "refund", _("返還")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("種別"), max_length=10, choices=Kind.choices)
    amount_yen = models.PositiveIntegerField(_("金額(円)"))
    paid_on = models.DateField(_("支払日・収納日"))
    reference = models.CharField(_("支出命令・調定の番号"), max_length=50, blank=True)
    idempotency_key = models.UUIDField(_("送信キー"), default=uuid.uuid4, unique=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("記録者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "paid_on", "pk"]
        verbose_name = _("支払・返還")
        verbose_name_plural = _("支払・返還")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_payment_per_kind"),
            models.CheckConstraint(name="payment_amount_positive", condition=models.Q(amount_yen__gte=1)),
            models.CheckConstraint(
                name="payment_kind_valid", condition=models.Q(kind__in=["advance", "final", "refund"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_kind_display()} {self.amount_yen:,}円"

    @property
    def signed_yen(self) -> int:
        """Money to the community is positive, a refund negative."""
        return -self.amount_yen if self.kind == self.Kind.REFUND else self.amount_yen
