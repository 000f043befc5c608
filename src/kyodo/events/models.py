"""Seminars, tiered trainings and exchange meetings (measures 5, 6, 13, 15), and who registered for them.

A registration holds the least personal data that lets the organiser reach the person and count
participation by age band and community: a name, its kana, one contact (a telephone number or an
e-mail address), an age band and, optionally, a community. Nobody needs an account.
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


class Category(models.TextChoices):
    AWARENESS = "awareness", _("啓発研修会")
    TIERED = "tiered", _("階層別研修")
    EXCHANGE = "exchange", _("交流会")
    OTHER = "other", _("その他")


class Tier(models.TextChoices):
    OFFICERS = "officers", _("役員")
    SECRETARIAT = "secretariat", _("事務局職員")
    NEW_LEADERS = "new_leaders", _("新任リーダー")
    CITY_STAFF = "city_staff", _("市職員")


class EventKind(models.Model):
    """A kind of event the city names: 啓発研修会, 階層別研修(役員向け), 交流会…"""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    slug = models.SlugField(_("識別子"), unique=True, max_length=40)
    category = models.CharField(_("区分"), max_length=16, choices=Category.choices, default=Category.OTHER)
    tier = models.CharField(_("研修の階層"), max_length=16, choices=Tier.choices, blank=True)
    description = models.TextField(_("説明"), blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=100)

    class Meta:
        verbose_name = _("催しの種類")
        verbose_name_plural = _("催しの種類")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                name="events_tier_only_for_tiered",
                condition=Q(category="tiered") | Q(tier=""),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Organiser(models.TextChoices):
    CITY = "city", _("市(まちづくり推進課)")
    BRANCH = "branch", _("支所")
    COMMUNITY = "community", _("地域協働体")
    CENTRE = "centre", _("市民活動センター")


class Audience(models.TextChoices):
    PUBLIC = "public", _("どなたでも")
    COMMUNITIES = "communities", _("地域協働体の関係者")
    CITY_STAFF = "city_staff", _("市職員のみ")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開中")
    CLOSED = "closed", _("受付終了")
    CANCELLED = "cancelled", _("中止")


class EventQuerySet(models.QuerySet["Event"]):
    def search(self, text: str) -> EventQuerySet:
        """Partial match on title, place and description, width and kana folded."""
        needle = normalize_for_search(text)
        return self.filter(search_text__contains=needle) if needle else self

    def listed(self) -> EventQuerySet:
        """Published or closed events the public may see (not the city staff's own trainings)."""
        return self.filter(
            status__in=[EventStatus.PUBLISHED, EventStatus.CLOSED, EventStatus.CANCELLED]
        ).exclude(audience=Audience.CITY_STAFF)


class Event(Versioned, DemoData):
    """One seminar, training or exchange meeting: when, where, for whom, how many."""

    Status = EventStatus

    kind = models.ForeignKey(EventKind, verbose_name=_("種類"), on_delete=models.PROTECT, related_name="events")
    title = models.CharField(_("名称"), max_length=120)
    title_kana = models.CharField(_("名称のふりがな"), max_length=200, blank=True,
                                  help_text=_("オープンデータ(イベント一覧)に載せます。"))
    description = models.TextField(_("内容"), blank=True)
    organiser = models.CharField(_("主催"), max_length=16, choices=Organiser.choices, default=Organiser.CITY)
    organiser_branch = models.ForeignKey(
        "communities.BranchOffice", verbose_name=_("主催の支所"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    organiser_community = models.ForeignKey(
        "communities.Community", verbose_name=_("主催の地域協働体"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="organised_events",
    )
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    place = models.CharField(_("会場"), max_length=120)
    address = models.CharField(_("会場の所在地"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("定員"))
    registration_opens_at = models.DateTimeField(_("受付開始"))
    registration_closes_at = models.DateTimeField(_("受付締切"))
    audience = models.CharField(_("対象"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC)
    materials = models.TextField(_("資料・持ち物"), blank=True)
    contact = models.CharField(_("問い合わせ先"), max_length=200, blank=True)
    status = models.CharField(_("状況"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("作成者"), on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("研修会・交流会")
        verbose_name_plural = _("研修会・交流会")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(name="events_capacity_positive", condition=Q(capacity__gte=1)),
            models.CheckConstraint(name="events_ends_after_start", condition=Q(ends_at__gte=models.F("starts_at"))),
            models.CheckConstraint(
                name="events_window_in_order",
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
            ),
            models.CheckConstraint(
                name="events_community_organiser_named",
                condition=~Q(organiser="community") | Q(organiser_community__isnull=False),
            ),
            models.CheckConstraint(
                name="events_branch_organiser_named",
                condition=~Q(organiser="branch") | Q(organiser_branch__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = normalize_for_search(f"{self.title} {self.place} {self.description[:300]}")[:600]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def places_left(self) -> int:
        """Free places (the lists annotate ``confirmed``; otherwise one query)."""
        confirmed = getattr(self, "confirmed", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)

    @property
    def organiser_label(self) -> str:
        if self.organiser == Organiser.COMMUNITY and self.organiser_community is not None:
            return self.organiser_community.name
        if self.organiser == Organiser.BRANCH and self.organiser_branch is not None:
            return self.organiser_branch.name
        return str(self.get_organiser_display())


class EventSession(models.Model):
    """One date of an event held on several (a course of three evenings, a training over two days).

    An event without sessions is held once, at its own ``starts_at``–``ends_at``. With sessions, these are its
    dates and the event's ``starts_at``/``ends_at`` are their span (first start, last end), kept by
    ``kyodo.events.sessions``.
    """

    event = models.ForeignKey(Event, verbose_name=_("催し"), on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    place = models.CharField(_("会場(催しと違う場合)"), max_length=120, blank=True)
    note = models.CharField(_("内容"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("日程")
        verbose_name_plural = _("日程")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(name="events_session_ends_after_start",
                                   condition=Q(ends_at__gte=models.F("starts_at"))),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class Transition(TransitionRecord):
    """One step of an event's timeline."""

    workflow_name = "event"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        ordering = ["occurred_at", "pk"]


class Channel(models.TextChoices):
    WEB = "web", _("ウェブ")
    ACCOUNT = "account", _("ウェブ(サインイン)")
    PHONE = "phone", _("電話")
    PAPER = "paper", _("申込書")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("参加確定")
    WAITING = "waiting", _("キャンセル待ち")
    CANCELLED = "cancelled", _("取消")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(DemoData):
    """A person's place at an event (or on its waiting list). Personal data: history kept."""

    Status = RegistrationStatus

    event = models.ForeignKey(Event, verbose_name=_("催し"), on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(_("氏名"), max_length=60)
    name_kana = models.CharField(_("ふりがな"), max_length=60)
    contact = models.CharField(_("連絡先(電話番号またはメールアドレス)"), max_length=120)
    age_band = models.CharField(_("年代"), max_length=16, choices=AgeBand.choices)
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("所属する地域協働体"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("アカウント"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="event_registrations",
    )
    channel = models.CharField(_("申込方法"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("状況"), max_length=16, choices=RegistrationStatus.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    registered_at = models.DateTimeField(_("申込日時"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("受付者"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    promoted_at = models.DateTimeField(_("繰上げ日時"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消日時"), null=True, blank=True)
    attended_at = models.DateTimeField(_("出席確認日時"), null=True, blank=True)
    reminded_for = models.DateField(_("前日のお知らせを送った開催日"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("参加申込")
        verbose_name_plural = _("参加申込")
        ordering = ["registered_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]
        constraints = [
            models.CheckConstraint(
                name="events_attended_only_confirmed",
                condition=Q(attended_at__isnull=True) | Q(status="confirmed"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.event})"

    def get_cancel_url(self) -> str:
        return reverse("events:cancel", args=[self.token])
