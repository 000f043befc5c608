"""実績報告: what the community did with the award and what it actually spent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.grants.models.applications import Application
from kyodo.grants.models.programs import ExpenseCategory


class ActualsReport(models.Model):
    """実績報告: what the community did with the award and what it actually spent."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="actuals_report")
    summary = models.TextField(_("実施した事業の内容"), blank=True)
    outcomes = models.TextField(_("事業の成果"), blank=True)
    submitted_at = models.DateTimeField(_("報告日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("実績報告")
        verbose_name_plural = _("実績報告")

    def __str__(self) -> str:
        return f"{self.application} 実績報告"


class ActualLine(models.Model):
    """One line of actual spending in an actuals report."""

    report = models.ForeignKey(ActualsReport, on_delete=models.CASCADE, related_name="lines")
    category = models.ForeignKey(ExpenseCategory, verbose_name=_("経費区分"), on_delete=models.PROTECT)
    description = models.CharField(_("内容"), max_length=200)
    amount_yen = models.PositiveIntegerField(_("支出額(円)"))
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("支出の明細")
        verbose_name_plural = _("支出の明細")
        constraints = [
            models.CheckConstraint(name="actual_line_amount_positive", condition=models.Q(amount_yen__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.description}"
