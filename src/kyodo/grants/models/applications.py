"""申請: an application with its expense lines, its timeline and its change requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.fiscal_years import FiscalYear, FiscalYearField
from kyodo.grants.applications.states import ApplicationStatus
from kyodo.grants.models.programs import ExpenseCategory, GrantProgram, ProgramRule
from kyodo.locking import Versioned
from kyodo.workflows.models import TransitionRecord


class Application(Versioned):
    """申請: a community's application to a program for one fiscal year, with its expense lines."""

    program = models.ForeignKey(
        GrantProgram, verbose_name=_("補助金制度"), on_delete=models.PROTECT, related_name="applications"
    )
    rule = models.ForeignKey(
        ProgramRule, verbose_name=_("年度別ルール"), on_delete=models.PROTECT, related_name="applications"
    )
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("地域協働体"), on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    fiscal_year = FiscalYearField(_("年度"))
    title = models.CharField(_("事業名"), max_length=200)
    purpose = models.TextField(_("事業の目的・内容"), blank=True)
    planned_initiatives = models.ManyToManyField(
        "communities.PlanInitiative", verbose_name=_("地域づくり計画の取組"), blank=True,
        related_name="grant_applications",
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    requested_yen = models.PositiveBigIntegerField(_("申請額(円)"), default=0)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT, related_name="+"
    )
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推薦者"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("申請日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[planned_initiatives])

    class Meta:
        ordering = ["-fiscal_year", "program__order", "community__name_kana", "pk"]
        verbose_name = _("補助金の申請")
        verbose_name_plural = _("補助金の申請")
        indexes = [
            # The work queue's order and its counts per state.
            models.Index(fields=["-fiscal_year", "submitted_at", "id"], name="application_queue_order"),
            models.Index(fields=["status", "fiscal_year"], name="application_status_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "community", "fiscal_year"], name="one_application_per_program_community_year"
            ),
            models.CheckConstraint(name="application_requested_not_negative", condition=models.Q(requested_yen__gte=0)),
            models.CheckConstraint(
                name="application_status_valid", condition=models.Q(status__in=ApplicationStatus.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.program} {FiscalYear(self.fiscal_year).wareki}"

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)


class ExpenseLine(models.Model):
    """経費の明細: one line of an application's expense plan."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    category = models.ForeignKey(ExpenseCategory, verbose_name=_("経費区分"), on_delete=models.PROTECT)
    description = models.CharField(_("内容"), max_length=200)
    amount_yen = models.PositiveIntegerField(_("金額(円)"))
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "order", "pk"]
        verbose_name = _("経費の明細")
        verbose_name_plural = _("経費の明細")
        constraints = [
            models.CheckConstraint(name="expense_line_amount_positive", condition=models.Q(amount_yen__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.description}"


class Transition(TransitionRecord):
    """One step of an application's timeline: who moved it from which state to which, and why."""

    workflow_name = "grant_application"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("変更前"), max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(_("変更後"), max_length=20, choices=ApplicationStatus.choices)

    class Meta:
        ordering = ["application", "occurred_at", "pk"]
        verbose_name = _("申請の経過")
        verbose_name_plural = _("申請の経過")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class ChangeRequest(models.Model):
    """変更承認申請: the community asks to change an awarded application; the city approves or refuses."""

    class Status(models.TextChoices):
        PENDING = "pending", _("審査中")
        APPROVED = "approved", _("承認")
        REFUSED = "refused", _("不承認")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="change_requests")
    reason = models.TextField(_("変更の理由"))
    description = models.TextField(_("変更の内容"))
    previous_amount_yen = models.PositiveIntegerField(_("変更前の交付決定額(円)"))
    requested_amount_yen = models.PositiveIntegerField(_("変更後の金額(円)"))
    status = models.CharField(_("状態"), max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申請者"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申請日時"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("決定者"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    decision_comment = models.TextField(_("決定の理由・コメント"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "requested_at", "pk"]
        verbose_name = _("変更承認申請")
        verbose_name_plural = _("変更承認申請")
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=models.Q(status="pending"), name="one_pending_change_request"
            ),
            models.CheckConstraint(
                name="change_request_status_valid", condition=models.Q(status__in=["pending", "approved", "refused"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.get_status_display()}"
