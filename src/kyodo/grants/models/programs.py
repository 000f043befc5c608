"""Subsidy programs (補助金制度), expense categories, their rules per fiscal year, saved simulations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.fiscal_years import FiscalYear, FiscalYearField
from kyodo.grants.programs.entitlements import Parameters
from kyodo.locking import Versioned


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
        return self.applications.exists()  # an application's rule is its program's rule of its year


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
