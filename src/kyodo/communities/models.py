"""Districts, branch offices and the community bodies (地域協働体) that serve them."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.fiscal_years import FiscalYear, FiscalYearField
from kyodo.locking import Versioned
from kyodo.text_search import normalize_for_search
from kyodo.workflows.models import TransitionRecord


class BranchOffice(models.Model):
    """本庁 or a 支所: the city office responsible for a set of districts."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    name_en = models.CharField(_("英語名"), max_length=100, blank=True)
    slug = models.SlugField(_("識別子"), unique=True)
    area_name = models.CharField(_("地域名"), max_length=50, help_text=_("例: 花泉地域"))
    is_head_office = models.BooleanField(_("本庁"), default=False)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("支所")
        verbose_name_plural = _("支所")

    def __str__(self) -> str:
        return self.name


class District(DemoData):
    """The area a community body serves: usually one citizen-centre (市民センター) area."""

    name = models.CharField(_("地区名"), max_length=100, unique=True)
    name_kana = models.CharField(_("地区名(かな)"), max_length=100, blank=True)
    branch_office = models.ForeignKey(
        BranchOffice, verbose_name=_("支所"), on_delete=models.PROTECT, related_name="districts"
    )
    citizen_center_name = models.CharField(_("市民センター"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["branch_office__order", "order", "name"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区")

    def __str__(self) -> str:
        return self.name


class DistrictFigure(models.Model):
    """Population and households of a district in one fiscal year; never overwritten by the next."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="figures")
    fiscal_year = FiscalYearField(_("年度"))
    population = models.PositiveIntegerField(_("人口"))
    households = models.PositiveIntegerField(_("世帯数"))
    as_of = models.DateField(_("基準日"), null=True, blank=True)
    source = models.CharField(_("出典"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["district", "-fiscal_year"]
        verbose_name = _("地区の人口・世帯数")
        verbose_name_plural = _("地区の人口・世帯数")
        constraints = [
            models.UniqueConstraint(fields=["district", "fiscal_year"], name="one_figure_per_district_year"),
        ]

    def __str__(self) -> str:
        return f"{self.district} {FiscalYear(self.fiscal_year).wareki}"

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)


class CommunityQuerySet(models.QuerySet["Community"]):
    def search(self, text: str) -> Self:
        """Partial match on name, kana and district, width and kana folded."""
        needle = normalize_for_search(text)
        return self.filter(search_text__contains=needle) if needle else self

    def in_branch(self, branch_office_id: int) -> Self:
        return self.filter(district__branch_office_id=branch_office_id)


class Community(DemoData, Versioned):
    """地域協働体: the community body that runs community development in one district."""

    class Status(models.TextChoices):
        FORMING = "forming", _("設立準備中(準備会)")
        ESTABLISHED = "established", _("設立済み")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    name_kana = models.CharField(_("名称(かな)"), max_length=200, blank=True)
    slug = models.SlugField(_("識別子"), unique=True, max_length=60)
    district = models.ForeignKey(
        District, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="communities"
    )
    status = models.CharField(_("状況"), max_length=16, choices=Status.choices, default=Status.ESTABLISHED)
    founded_on = models.DateField(_("設立日"), null=True, blank=True)
    description = models.TextField(_("紹介"), blank=True)
    office_address = models.CharField(_("事務所所在地"), max_length=200, blank=True)
    office_phone = models.CharField(_("事務所電話番号"), max_length=30, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = CommunityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["district__branch_office__order", "district__order", "name"]
        verbose_name = _("地域協働体")
        verbose_name_plural = _("地域協働体")
        constraints = [
            models.CheckConstraint(
                name="established_has_founding_date",
                condition=~models.Q(status="established") | models.Q(founded_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = normalize_for_search(
            " ".join([self.name, self.name_kana, self.district.name if self.district_id else ""])
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", kwargs={"slug": self.slug})


class AgeBand(models.TextChoices):
    UNDER_30 = "under_30", _("30歳未満")
    AGE_30S = "30s", _("30代")
    AGE_40S = "40s", _("40代")
    AGE_50S = "50s", _("50代")
    AGE_60S = "60s", _("60代")
    AGE_70S = "70s", _("70代")
    AGE_80_OVER = "80_over", _("80歳以上")


class Officer(models.Model):
    """役員: an office in a community body with its term. The name and age band are not public."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("会長")
        VICE_CHAIR = "vice_chair", _("副会長")
        SECRETARY_GENERAL = "secretary_general", _("事務局長")
        TREASURER = "treasurer", _("会計")
        AUDITOR = "auditor", _("監事")
        DIRECTOR = "director", _("理事")
        SECTION_HEAD = "section_head", _("部会長")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="officers")
    position = models.CharField(_("役職"), max_length=32, choices=Position.choices)
    name = models.CharField(_("氏名"), max_length=100)
    age_band = models.CharField(_("年代"), max_length=16, choices=AgeBand.choices, blank=True)
    term_start = models.DateField(_("任期開始"))
    term_end = models.DateField(_("任期終了"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["community", "position", "term_start"]
        verbose_name = _("役員")
        verbose_name_plural = _("役員")
        constraints = [
            models.CheckConstraint(name="officer_term_order", condition=models.Q(term_end__gte=models.F("term_start"))),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.get_position_display()}"


class MemberOrganization(models.Model):
    """自治会・各種団体: a group that takes part in the community body's round table."""

    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood", _("自治会・町内会")
        SENIORS = "seniors", _("老人クラブ")
        PTA = "pta", _("PTA・子ども会")
        WOMEN = "women", _("女性団体")
        YOUTH = "youth", _("青年団体")
        BUSINESS = "business", _("商工・農業団体")
        NPO = "npo", _("NPO・ボランティア団体")
        SCHOOL = "school", _("学校・教育機関")
        COMPANY = "company", _("企業・事業所")
        SAFETY = "safety", _("防災・防犯団体")
        OTHER = "other", _("その他")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="member_organizations")
    name = models.CharField(_("団体名"), max_length=200)
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices, default=Kind.NEIGHBOURHOOD)

    history = HistoricalRecords()

    class Meta:
        ordering = ["community", "kind", "name"]
        verbose_name = _("構成団体")
        verbose_name_plural = _("構成団体")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="member_organization_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class CommunityPlan(Versioned):
    """地域づくり計画: a community body's own development plan for a period of fiscal years."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("計画名"), max_length=200)
    start_fiscal_year = FiscalYearField(_("開始年度"))
    end_fiscal_year = FiscalYearField(_("終了年度"))
    vision = models.TextField(_("目指す姿(将来像)"))
    adopted_on = models.DateField(_("策定日"))
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["community", "-start_fiscal_year"]
        verbose_name = _("地域づくり計画")
        verbose_name_plural = _("地域づくり計画")
        constraints = [
            models.CheckConstraint(
                name="community_plan_period_order",
                condition=models.Q(end_fiscal_year__gte=models.F("start_fiscal_year")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        return f"{FiscalYear(self.start_fiscal_year).label}〜{FiscalYear(self.end_fiscal_year).label}"

    @property
    def fiscal_years(self) -> list[FiscalYear]:
        return [FiscalYear(y) for y in range(self.start_fiscal_year, self.end_fiscal_year + 1)]

    def is_in_force(self, fiscal_year: FiscalYear) -> bool:
        return self.start_fiscal_year <= fiscal_year.year <= self.end_fiscal_year


class PlanGoal(models.Model):
    """A goal (基本目標) of a community plan."""

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(_("番号"), default=1)
    title = models.CharField(_("目標"), max_length=200)
    description = models.TextField(_("内容"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("計画の目標")
        verbose_name_plural = _("計画の目標")

    def __str__(self) -> str:
        return self.title


class PlanInitiative(models.Model):
    """An initiative (取組・事業) a community plan schedules for one fiscal year."""

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="initiatives")
    goal = models.ForeignKey(
        PlanGoal, verbose_name=_("目標"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="initiatives",
    )
    fiscal_year = FiscalYearField(_("年度"))
    title = models.CharField(_("取組"), max_length=200)
    description = models.TextField(_("内容"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "fiscal_year", "goal__order", "pk"]
        verbose_name = _("計画の取組")
        verbose_name_plural = _("計画の取組")

    def __str__(self) -> str:
        return self.title

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)


class PlanRevision(models.Model):
    """A recorded revision (見直し) of a community plan."""

    plan = models.ForeignKey(CommunityPlan, on_delete=models.CASCADE, related_name="revisions")
    revised_on = models.DateField(_("見直し日"))
    summary = models.TextField(_("見直しの内容"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-revised_on"]
        verbose_name = _("計画の見直し")
        verbose_name_plural = _("計画の見直し")

    def __str__(self) -> str:
        return f"{self.plan} {self.revised_on}"


class StatusTransition(TransitionRecord):
    """A change of a community's standing (準備会 → 設立): who recorded it, when, and why."""

    workflow_name = "community_standing"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="status_transitions")
    from_status = models.CharField(_("変更前"), max_length=20, choices=Community.Status.choices)
    to_status = models.CharField(_("変更後"), max_length=20, choices=Community.Status.choices)

    class Meta:
        ordering = ["community", "occurred_at", "pk"]
        verbose_name = _("地域協働体の状況の変更")
        verbose_name_plural = _("地域協働体の状況の変更")
