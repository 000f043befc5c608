"""Promotion plans (地域協働推進計画), their basic policies, measures and yearly schedules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.fiscal_years import FiscalYear, FiscalYearField
from kyodo.japanese_era import OutOfEraRange, era_of, era_year_label
from kyodo.locking import Versioned


class Department(models.Model):
    """所管課: a city department that owns measures or answers opinions."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    division = models.CharField(_("部"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("所管課")
        verbose_name_plural = _("所管課")

    def __str__(self) -> str:
        return self.name


class PromotionPlan(Versioned):
    """一関市地域協働推進計画 (第n次): the city's multi-year plan."""

    number = models.PositiveSmallIntegerField(_("次数"), unique=True, help_text=_("第1次計画なら 1"))
    title = models.CharField(_("計画名"), max_length=200)
    subtitle = models.CharField(_("副題・愛称"), max_length=200, blank=True)
    start_fiscal_year = FiscalYearField(_("開始年度"))
    end_fiscal_year = FiscalYearField(_("終了年度"))
    adopted_on = models.DateField(_("策定日"), null=True, blank=True)
    background = models.TextField(_("取組の経過"), blank=True)
    purpose = models.TextField(_("目的"), blank=True)
    positioning = models.TextField(_("位置付け"), blank=True)
    aim_title = models.CharField(_("目指す姿"), max_length=200, blank=True)
    aim_text = models.TextField(_("目指す姿(説明)"), blank=True)
    is_current = models.BooleanField(_("現行計画"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("推進計画")
        verbose_name_plural = _("推進計画")
        constraints = [
            models.CheckConstraint(
                name="promotion_plan_period_order",
                condition=models.Q(end_fiscal_year__gte=models.F("start_fiscal_year")),
            ),
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_promotion_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"number": self.number})

    @property
    def fiscal_years(self) -> list[FiscalYear]:
        return [FiscalYear(y) for y in range(self.start_fiscal_year, self.end_fiscal_year + 1)]

    @property
    def period_label(self) -> str:
        return f"{FiscalYear(self.start_fiscal_year).label}〜{FiscalYear(self.end_fiscal_year).label}"

    @property
    def has_ended(self) -> bool:
        """Its period is over on today's date (the 2nd plan, R1–R5, ended in March 2024)."""
        return self.end_fiscal_year < FiscalYear.current().year

    @property
    def in_force(self) -> bool:
        """Today's date falls in its period."""
        return self.start_fiscal_year <= FiscalYear.current().year <= self.end_fiscal_year

    @property
    def adopted_label(self) -> str:
        """平成31年(2019年)4月, in English April 2019: city documents state the month of adoption (策定)."""
        if self.adopted_on is None:
            return ""
        if get_language() == "en":
            return f"{self.adopted_on:%B %Y}"  # April 2019, as the wareki filter writes English dates
        try:
            era, year = era_of(self.adopted_on)
        except OutOfEraRange:
            return f"{self.adopted_on.year}年{self.adopted_on.month}月"
        return f"{era_year_label(era, year)}({self.adopted_on.year}年){self.adopted_on.month}月"


class BasicIdea(models.Model):
    """基本的な考え方: e.g. 自立型の地域づくり, 補完性の原則."""

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="basic_ideas")
    order = models.PositiveSmallIntegerField(_("番号"), default=1)
    title = models.CharField(_("考え方"), max_length=200)
    text = models.TextField(_("説明"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("基本的な考え方")
        verbose_name_plural = _("基本的な考え方")

    def __str__(self) -> str:
        return self.title


class PlanAssessment(models.Model):
    """成果と課題: what a plan achieved, and what it left open, as assessed at its end."""

    class Kind(models.TextChoices):
        ACHIEVEMENT = "achievement", _("成果")
        OPEN_ISSUE = "open_issue", _("課題")

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("区分"), max_length=16, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("番号"), default=1)
    title = models.CharField(_("項目"), max_length=200)
    text = models.TextField(_("説明"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "kind", "order"]
        verbose_name = _("成果と課題")
        verbose_name_plural = _("成果と課題")

    def __str__(self) -> str:
        return self.title


class Policy(models.Model):
    """基本方針: one of a plan's basic policies, (1)–(5)."""

    plan = models.ForeignKey(PromotionPlan, on_delete=models.CASCADE, related_name="policies")
    number = models.PositiveSmallIntegerField(_("番号"))
    title = models.CharField(_("基本方針"), max_length=200)
    description = models.TextField(_("説明"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("基本方針")
        verbose_name_plural = _("基本方針")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="policy_number_unique_in_plan")]

    def __str__(self) -> str:
        return f"({self.number}) {self.title}"


class Measure(Versioned):
    """施策・事業: one of the numbered measures under a policy (事業1–16)."""

    policy = models.ForeignKey(Policy, verbose_name=_("基本方針"), on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("事業番号"))
    title = models.CharField(_("施策・事業"), max_length=200)
    content = models.TextField(_("事業内容"), blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("所管課"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="measures",
    )
    partner = models.CharField(
        _("連携先"), max_length=200, blank=True,
        help_text=_("所管課とともに事業を担う団体や部署(例: いちのせき市民活動センター)"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy__plan", "number"]
        verbose_name = _("施策・事業")
        verbose_name_plural = _("施策・事業")

    def __str__(self) -> str:
        return gettext("事業%(number)s %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self) -> str:
        return reverse("plans:measure", kwargs={"number": self.policy.plan.number, "measure": self.number})


class MeasureSchedule(models.Model):
    """実施年度: what a measure does over a run of fiscal years (one cell of the plan's table)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="schedules")
    start_fiscal_year = FiscalYearField(_("開始年度"))
    end_fiscal_year = FiscalYearField(_("終了年度"))
    text = models.CharField(_("実施内容"), max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "start_fiscal_year"]
        verbose_name = _("実施年度")
        verbose_name_plural = _("実施年度")
        constraints = [
            models.CheckConstraint(
                name="measure_schedule_period_order",
                condition=models.Q(end_fiscal_year__gte=models.F("start_fiscal_year")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.period_label}"

    @property
    def span(self) -> int:
        return self.end_fiscal_year - self.start_fiscal_year + 1

    @property
    def period_label(self) -> str:
        start, end = FiscalYear(self.start_fiscal_year), FiscalYear(self.end_fiscal_year)
        return start.label if start == end else f"{start.label}〜{end.label}"

    def clean(self) -> None:
        plan = self.measure.policy.plan if self.measure_id else None
        within_plan = plan is None or (
            plan.start_fiscal_year <= self.start_fiscal_year <= self.end_fiscal_year <= plan.end_fiscal_year
        )
        if not within_plan:
            raise ValidationError(_("実施年度は計画期間内で、開始年度は終了年度以前にしてください。"))
        if self.measure_id:
            overlapping = MeasureSchedule.objects.filter(
                measure_id=self.measure_id,
                start_fiscal_year__lte=self.end_fiscal_year,
                end_fiscal_year__gte=self.start_fiscal_year,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(_("他の実施内容と年度が重なっています。"))
