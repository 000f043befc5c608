"""Volunteer opportunities that communities post, and residents' sign-ups for them (measure 7).

A sign-up holds the least personal data that lets the community reach the person and count
participation by age band: a name (its kana optional), one contact, an age band and, optionally, the
person's community. Nobody needs an account; the link with the sign-up's token is the key to it.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.age_bands import AgeBand
from kyodo.demo_data import DemoData
from kyodo.locking import Versioned
from kyodo.text_search import normalize_for_search
from kyodo.workflows.models import TransitionRecord


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("募集中")
    CLOSED = "closed", _("募集終了")
    CANCELLED = "cancelled", _("中止")


class Tag(models.TextChoices):
    """Who an opportunity suits; each is a boolean column so lists filter on an index-free flag."""

    STUDENTS = "students", _("学生向け")
    FAMILIES = "families", _("親子・家族向け")
    NO_EXPERIENCE = "no_experience", _("経験不要")


TAG_FIELDS = {Tag.STUDENTS: "is_for_students", Tag.FAMILIES: "is_for_families",
              Tag.NO_EXPERIENCE: "needs_no_experience"}


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def search(self, text: str) -> OpportunityQuerySet:
        """Partial match on title, place and description, width and kana folded."""
        needle = normalize_for_search(text)
        return self.filter(search_text__contains=needle) if needle else self

    def listed(self) -> OpportunityQuerySet:
        """What the public may see: everything but drafts."""
        return self.exclude(status=OpportunityStatus.DRAFT)


class Opportunity(Versioned, DemoData):
    """One volunteer opportunity a community posts: what, when, where, how many, for whom."""

    Status = OpportunityStatus

    community = models.ForeignKey("communities.Community", verbose_name=_("地域協働体"), on_delete=models.PROTECT,
                                  related_name="opportunities")
    title = models.CharField(_("活動名"), max_length=120)
    description = models.TextField(_("活動の内容"), blank=True)
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    place = models.CharField(_("集合場所"), max_length=120)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("募集人数"))
    signup_opens_at = models.DateTimeField(_("受付開始"))
    signup_closes_at = models.DateTimeField(_("受付締切"))
    is_for_students = models.BooleanField(_("学生向け"), default=False)
    is_for_families = models.BooleanField(_("親子・家族向け"), default=False)
    needs_no_experience = models.BooleanField(_("経験不要"), default=True)
    belongings = models.CharField(_("持ち物・服装"), max_length=200, blank=True)
    contact = models.CharField(_("問い合わせ先"), max_length=200, blank=True)
    status = models.CharField(_("状況"), max_length=16, choices=OpportunityStatus.choices,
                              default=OpportunityStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = OpportunityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("ボランティア募集")
        verbose_name_plural = _("ボランティア募集")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(name="participation_capacity_positive", condition=Q(capacity__gte=1)),
            models.CheckConstraint(name="participation_ends_after_start",
                                   condition=Q(ends_at__gte=models.F("starts_at"))),
            models.CheckConstraint(name="participation_window_in_order",
                                   condition=Q(signup_closes_at__gt=models.F("signup_opens_at"))),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = normalize_for_search(f"{self.title} {self.place} {self.description[:300]}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def tags(self) -> list[str]:
        return [str(tag.label) for tag, field in TAG_FIELDS.items() if getattr(self, field)]

    @property
    def places_left(self) -> int:
        """Free places (the lists annotate ``taken``; otherwise one query)."""
        taken = getattr(self, "taken", None)
        if taken is None:
            taken = self.signups.exclude(status=SignupStatus.CANCELLED).count()
        return max(self.capacity - taken, 0)


class Transition(TransitionRecord):
    """One step of an opportunity's timeline."""

    workflow_name = "opportunity"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        ordering = ["occurred_at", "pk"]


class SignupStatus(models.TextChoices):
    APPLIED = "applied", _("確認待ち")
    CONFIRMED = "confirmed", _("参加確定")
    CANCELLED = "cancelled", _("取消")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Signup(DemoData):
    """A resident's place in an opportunity: applied, then confirmed by the community. Personal data."""

    Status = SignupStatus

    opportunity = models.ForeignKey(Opportunity, verbose_name=_("ボランティア募集"), on_delete=models.PROTECT,
                                    related_name="signups")
    name = models.CharField(_("氏名"), max_length=60)
    name_kana = models.CharField(_("ふりがな"), max_length=60, blank=True)
    contact = models.CharField(_("連絡先(電話番号またはメールアドレス)"), max_length=120)
    age_band = models.CharField(_("年代"), max_length=16, choices=AgeBand.choices)
    community = models.ForeignKey("communities.Community", verbose_name=_("お住まいの地域協働体"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状況"), max_length=16, choices=SignupStatus.choices, default=SignupStatus.APPLIED)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    signed_up_at = models.DateTimeField(_("申込日時"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("確定日時"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("確定した人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    cancelled_at = models.DateTimeField(_("取消日時"), null=True, blank=True)
    attended_at = models.DateTimeField(_("参加確認日時"), null=True, blank=True)
    is_anonymised = models.BooleanField(_("匿名化済み"), default=False)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("ボランティア申込み")
        verbose_name_plural = _("ボランティア申込み")
        ordering = ["signed_up_at", "pk"]
        indexes = [models.Index(fields=["opportunity", "status"])]
        constraints = [
            models.CheckConstraint(name="participation_attended_only_confirmed",
                                   condition=Q(attended_at__isnull=True) | Q(status="confirmed")),
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.opportunity})"

    def get_absolute_url(self) -> str:
        return reverse("participation:signed-up", args=[self.token])
