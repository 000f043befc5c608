"""Subsidy programs (補助金制度), their rules per fiscal year, and saved rule simulations."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.fiscal_years import FiscalYear, FiscalYearField
from kyodo.grants.entitlements import Parameters
from kyodo.grants.states import ApplicationStatus
from kyodo.locking import Versioned
from kyodo.workflows.models import TransitionRecord


class Eligibility(models.TextChoices):
    FORMING = "forming", _("設立準備中の団体")
    NO_PLAN = "no_plan", _("地域づくり計画策定前の設立済み団体")
    PLAN = "plan", _("地域づくり計画のある団体")
    ESTABLISHED = "established", _("設立済みの団体")


class RoundingUnit(models.IntegerChoices):
    YEN = 1, _("1円未満切捨て")
    HUNDRED = 100, _("百円未満切捨て")
    THOUSAND = 1000, _("千円未満切捨て")
    TEN_THOUSAND = 10000, _("万円未満切捨て")


class GrantProgram(models.Model):
    """A subsidy scheme (交付要綱) of the city, with one rule per fiscal year."""

    class Code(models.TextChoices):
        FOUNDING = "founding", _("設立準備の会議費用")
        STARTUP = "startup", _("地域協働体支援事業補助金")
        ACTIVITY = "activity", _("地域協働体活動費補助金")
        SECRETARIAT = "secretariat", _("事務局員の雇用支援")

    code = models.CharField(_("コード"), max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("通称"), max_length=100, blank=True)
    measure_number = models.PositiveSmallIntegerField(_("施策番号"))
    description = models.TextField(_("説明"), blank=True)
    eligibility = models.CharField(_("対象団体"), max_length=20, choices=Eligibility.choices)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("補助金制度")
        verbose_name_plural = _("補助金制度")

    def __str__(self) -> str:
        return self.name


class ExpenseCategory(models.Model):
    """An expense category (経費区分) a rule lists as eligible (補助対象経費) or not."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("説明"), blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("経費区分")
        verbose_name_plural = _("経費区分")

    def __str__(self) -> str:
        return self.name


class ProgramRule(DemoData, Versioned):
    """A program's rule for one fiscal year: window, expenses, amount formula, budget."""

    program = models.ForeignKey(
        GrantProgram, verbose_name=_("補助金制度"), on_delete=models.PROTECT, related_name="rules"
    )
    fiscal_year = FiscalYearField(_("年度"))
    application_opens_on = models.DateField(_("申請受付開始日"))
    application_closes_on = models.DateField(_("申請受付終了日"))
    base_yen = models.PositiveIntegerField(_("基本額(円)"), default=0)
    per_household_yen = models.PositiveIntegerField(_("世帯数割(1世帯あたり円)"), default=0)
    per_resident_yen = models.PositiveIntegerField(_("人口割(1人あたり円)"), default=0)
    cap_yen = models.PositiveIntegerField(_("上限額(円)"), null=True, blank=True, help_text=_("空欄は上限なし"))
    rounding_unit_yen = models.PositiveIntegerField(
        _("端数処理"), choices=RoundingUnit.choices, default=RoundingUnit.THOUSAND
    )
    rounding_mode = models.CharField(
        _("端数処理の方法"), max_length=10, choices=[("down", _("切捨て"))], default="down"
    )
    budget_yen = models.PositiveBigIntegerField(_("予算額(円)"), default=0)
    allows_advance_payment = models.BooleanField(_("概算払を認める"), default=False)
    actuals_due_on = models.DateField(_("実績報告の期限"))
    category_overspend_percent = models.PositiveSmallIntegerField(
        _("経費区分ごとの超過の許容(%)"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_("実績報告で、経費区分ごとの支出が計画額をこの割合まで超えることを認めます(流用の限度)。"),
    )
    eligible_categories = models.ManyToManyField(
        ExpenseCategory, verbose_name=_("補助対象経費"), blank=True, related_name="eligible_in"
    )
    ineligible_categories = models.ManyToManyField(
        ExpenseCategory, verbose_name=_("補助対象外経費"), blank=True, related_name="ineligible_in"
    )
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[eligible_categories, ineligible_categories])

    class Meta:
        ordering = ["program__order", "-fiscal_year"]
        verbose_name = _("補助金の年度別ルール")
        verbose_name_plural = _("補助金の年度別ルール")
        constraints = [
            models.UniqueConstraint(fields=["program", "fiscal_year"], name="one_rule_per_program_year"),
            models.CheckConstraint(
                name="rule_window_order",
                condition=models.Q(application_closes_on__gte=models.F("application_opens_on")),
            ),
            models.CheckConstraint(
                name="rule_rounding_unit", condition=models.Q(rounding_unit_yen__in=[1, 100, 1000, 10000])
            ),
            models.CheckConstraint(
                name="rule_amounts_not_negative",
                condition=models.Q(
                    base_yen__gte=0,
                    per_household_yen__gte=0,
                    per_resident_yen__gte=0,
                    budget_yen__gte=0,
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} {FiscalYear(self.fiscal_year).wareki}"

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def parameters(self) -> Parameters:
        return Parameters.of(self)

    @property
    def is_locked(self) -> bool:
        """Once the year has applications the rule may no longer change."""
        return Application.objects.filter(program_id=self.program_id, fiscal_year=self.fiscal_year).exists()


class SimulationScenario(models.Model):
    """A saved proposal for a program's amount formula, simulated on a fiscal year's figures."""

    program = models.ForeignKey(
        GrantProgram, verbose_name=_("補助金制度"), on_delete=models.PROTECT, related_name="scenarios"
    )
    fiscal_year = FiscalYearField(_("基準年度"))
    name = models.CharField(_("案の名称"), max_length=100)
    base_yen = models.PositiveIntegerField(_("基本額(円)"))
    per_household_yen = models.PositiveIntegerField(_("世帯数割(1世帯あたり円)"))
    per_resident_yen = models.PositiveIntegerField(_("人口割(1人あたり円)"))
    cap_yen = models.PositiveIntegerField(_("上限額(円)"), null=True, blank=True)
    rounding_unit_yen = models.PositiveIntegerField(_("端数処理"), choices=RoundingUnit.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作成者"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("採用日時"), null=True, blank=True)
    adopted_rule = models.ForeignKey(
        ProgramRule,
        verbose_name=_("採用後のルール"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_from",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["program__order", "-fiscal_year", "-created_at", "-pk"]
        verbose_name = _("補助金額の試算案")
        verbose_name_plural = _("補助金額の試算案")
        constraints = [
            models.CheckConstraint(
                name="scenario_rounding_unit", condition=models.Q(rounding_unit_yen__in=[1, 100, 1000, 10000])
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def parameters(self) -> Parameters:
        return Parameters.of(self)


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user: Any) -> ApplicationQuerySet:
        """The applications ``user`` may see (``grants.scopes.APPLICATIONS``, as the permission checks)."""
        from kyodo.grants.scopes import APPLICATIONS

        return APPLICATIONS.queryset(user, self)  # type: ignore[return-value]


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

    objects = ApplicationQuerySet.as_manager()
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


def attachment_path(instance: Attachment, filename: str) -> str:
    """Stored under a name kyodo chooses: the uploaded name never reaches the file system."""
    suffix = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(instance.content_type, "")
    return f"grants/{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file attached to an application: documents for the application, receipts for the actuals."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("申請の添付書類")
        RECEIPT = "receipt", _("領収書")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("ファイル"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("ファイル名"), max_length=200)
    content_type = models.CharField(_("形式"), max_length=50)
    size_bytes = models.PositiveIntegerField(_("サイズ(バイト)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登録者"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "kind", "uploaded_at", "pk"]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")
        constraints = [
            models.CheckConstraint(name="attachment_kind_valid", condition=models.Q(kind__in=["document", "receipt"])),
        ]

    def __str__(self) -> str:
        return self.original_name


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
