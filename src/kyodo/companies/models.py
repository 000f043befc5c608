"""Participating companies (measure 16, 企業の参画) and their partnerships with communities.

A company's contact writes a partnership (企業の参画の取組) and submits it; the city's coordination
division publishes it on the public pages or returns it with a comment. The workflow is in workflow.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.fiscal_years import FiscalYearField
from kyodo.locking import Versioned
from kyodo.text_search import normalize_for_search
from kyodo.workflows.models import TransitionRecord


class CompanyQuerySet(models.QuerySet["Company"]):
    def search(self, text: str) -> CompanyQuerySet:
        needle = normalize_for_search(text)
        return self.filter(search_text__contains=needle) if needle else self


class Company(Versioned, DemoData):
    """A company or business that takes part in community collaboration (企業の参画)."""

    name = models.CharField(_("企業名"), max_length=200, unique=True)
    slug = models.SlugField(_("識別子"), unique=True)
    description = models.TextField(_("紹介"), blank=True)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    is_listed = models.BooleanField(
        _("公開ページに掲載する"), default=True,
        help_text=_("外すと、公開中の取組があっても公開ページに企業を載せません。"))
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = CompanyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("企業")
        verbose_name_plural = _("企業")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.slug])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = normalize_for_search(f"{self.name} {self.address} {self.description[:300]}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class PartnershipKind(models.TextChoices):
    EVENT = "event", _("地域行事への参加・協賛")
    SKILLS = "skills", _("人材・技術の提供")
    GOODS = "goods", _("物品・場所の提供")
    VOLUNTEERING = "volunteering", _("社員のボランティア")
    OTHER = "other", _("その他")


class PartnershipStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("確認待ち")
    RETURNED = "returned", _("差戻し")
    PUBLISHED = "published", _("公開中")
    WITHDRAWN = "withdrawn", _("公開終了")


class PartnershipQuerySet(models.QuerySet["Partnership"]):
    def published(self) -> PartnershipQuerySet:
        """Published partnerships of companies listed publicly."""
        return self.filter(status=PartnershipStatus.PUBLISHED, company__is_listed=True)

    def search(self, text: str) -> PartnershipQuerySet:
        needle = normalize_for_search(text)
        return self.filter(search_text__contains=needle) if needle else self


class Partnership(Versioned, DemoData):
    """One company's participation in community collaboration: what it does, with whom, in which year."""

    Status = PartnershipStatus
    Kind = PartnershipKind

    company = models.ForeignKey(Company, verbose_name=_("企業"), on_delete=models.PROTECT,
                                related_name="partnerships")
    community = models.ForeignKey("communities.Community", verbose_name=_("協働する地域協働体"),
                                  on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="company_partnerships")
    title = models.CharField(_("取組名"), max_length=100)
    kind = models.CharField(_("取組の種類"), max_length=16, choices=PartnershipKind.choices)
    description = models.TextField(_("取組の内容"), max_length=2000)
    started_on = models.DateField(_("開始日"), null=True, blank=True)
    ended_on = models.DateField(_("終了日"), null=True, blank=True)
    fiscal_year = FiscalYearField(_("年度"))
    status = models.CharField(_("状況"), max_length=16, choices=PartnershipStatus.choices,
                              default=PartnershipStatus.DRAFT)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("企業の参画の取組")
        verbose_name_plural = _("企業の参画の取組")
        ordering = ["-fiscal_year", "-pk"]
        indexes = [models.Index(fields=["status", "fiscal_year"]), models.Index(fields=["company", "status"])]
        constraints = [
            models.CheckConstraint(
                name="partnership_ends_after_start",
                condition=models.Q(ended_on__isnull=True) | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_badge(self) -> str:
        """The badge's style of the state (the stylesheet's colours; drafts and ended ones plain)."""
        return {PartnershipStatus.PUBLISHED: "badge--established", PartnershipStatus.SUBMITTED: "badge--staff",
                PartnershipStatus.RETURNED: "badge--warning"}.get(PartnershipStatus(self.status), "")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = normalize_for_search(f"{self.title} {self.description[:400]}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)


class Transition(TransitionRecord):
    """One step of a partnership's timeline."""

    workflow_name = "company_partnership"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        ordering = ["occurred_at", "pk"]
