"""Good practice (measure 13): short activity reports communities publish so that others can learn
from them, with photos, themes from the city's list, and the exchange meetings they were presented at.

A photo is stored only after ``kyodo.practice.photos`` re-encoded it: resized, without EXIF (so no GPS
location) and under a name kyodo chooses.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.fiscal_years import FiscalYear
from kyodo.locking import Versioned
from kyodo.text_search import normalize_for_search
from kyodo.workflows.models import TransitionRecord


class PracticeTheme(models.Model):
    """A theme the city names (防災, 子育て, 高齢者の見守り…); reports are found by it."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    slug = models.SlugField(_("識別子"), unique=True, max_length=40)
    order = models.PositiveSmallIntegerField(_("表示順"), default=100)

    class Meta:
        verbose_name = _("活動事例のテーマ")
        verbose_name_plural = _("活動事例のテーマ")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開中")
    WITHDRAWN = "withdrawn", _("取下げ")
    UNPUBLISHED = "unpublished", _("公開停止")


class PracticeReportQuerySet(models.QuerySet["PracticeReport"]):
    def published(self) -> PracticeReportQuerySet:
        return self.filter(status=ReportStatus.PUBLISHED)

    def search(self, text: str) -> PracticeReportQuerySet:
        needle = normalize_for_search(text)
        return self.filter(search_text__contains=needle) if needle else self


class PracticeReport(Versioned, DemoData):
    """One community's short report of an activity: what they did, when, and what others can learn."""

    Status = ReportStatus

    community = models.ForeignKey("communities.Community", verbose_name=_("地域協働体"), on_delete=models.PROTECT,
                                  related_name="practice_reports")
    title = models.CharField(_("題名"), max_length=100)
    themes = models.ManyToManyField(PracticeTheme, verbose_name=_("テーマ"), related_name="reports")
    held_on = models.DateField(_("活動日"))
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    body = models.TextField(_("内容"), max_length=4000)
    status = models.CharField(_("状況"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    presented_at = models.ManyToManyField("events.Event", verbose_name=_("発表した交流会"), blank=True,
                                          related_name="presented_reports")
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = PracticeReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("活動事例")
        verbose_name_plural = _("活動事例")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["status", "fiscal_year"]), models.Index(fields=["status", "held_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practice:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fiscal_year = FiscalYear.of(self.held_on).year
        self.search_text = normalize_for_search(f"{self.title} {self.body[:400]}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "fiscal_year"}
        super().save(*args, **kwargs)


def photo_path(instance: PracticePhoto, filename: str) -> str:
    """A name kyodo chooses: the uploaded name never reaches the file system."""
    return f"practice/{instance.report_id}/{uuid.uuid4().hex}.{instance.extension}"


class PracticePhoto(models.Model):
    """A photo of a report, re-encoded (resized, no EXIF) before it was stored."""

    report = models.ForeignKey(PracticeReport, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("写真"), upload_to=photo_path, max_length=200)
    content_type = models.CharField(_("形式"), max_length=20)
    width = models.PositiveIntegerField(_("幅"))
    height = models.PositiveIntegerField(_("高さ"))
    caption = models.CharField(_("説明(代替テキスト)"), max_length=100)
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("活動事例の写真")
        verbose_name_plural = _("活動事例の写真")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(name="practice_photo_type_known",
                                   condition=Q(content_type__in=["image/jpeg", "image/png", "image/webp"])),
        ]

    def __str__(self) -> str:
        return self.caption

    def get_absolute_url(self) -> str:
        return reverse("practice:photo", args=[self.report_id, self.pk])

    @property
    def extension(self) -> str:
        return {"image/png": "png", "image/webp": "webp"}.get(self.content_type, "jpg")


class Transition(TransitionRecord):
    """One step of a report's timeline."""

    workflow_name = "practice_report"

    report = models.ForeignKey(PracticeReport, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        ordering = ["occurred_at", "pk"]
