"""Dialogue between communities and the city (measures 3 and 4): opinions and the city's answers.

An opinion (意見・要望・提案) comes from a community directly, from an item of its 地域づくり計画 or from a
meeting; the city routes it to departments with an answer due date, a department answers with an outcome
(reflected in a plan or a budget, handled in operations, under study, not possible), the city reviews it
and publishes it. Published answers are public at /opinions/.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.attachments import StoredFile, stored_suffix
from kyodo.communities.models import Community, District, PlanInitiative
from kyodo.demo_data import DemoData
from kyodo.fiscal_years import FiscalYearField
from kyodo.locking import Versioned
from kyodo.plans.models import Department, Measure
from kyodo.workflows.models import TransitionRecord


class OpinionCategory(models.Model):
    """A subject an opinion is about (防災, 交通, 福祉…); the city keeps the list."""

    name = models.CharField(_("分類名"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("意見の分類")
        verbose_name_plural = _("意見の分類")

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.Model):
    """A kind of meeting (移動市長室, 意見交換会, 住民懇談会, その他); the city keeps the list."""

    name = models.CharField(_("種類"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("会議の種類")
        verbose_name_plural = _("会議の種類")

    def __str__(self) -> str:
        return self.name


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("開催予定")
    HELD = "held", _("開催済み")
    MINUTES_PUBLISHED = "minutes_published", _("記録公開")
    CANCELLED = "cancelled", _("中止")


class Meeting(DemoData, Versioned):
    """A meeting where communities and the city talk: when, where, who came (counts only), what was said."""

    Status = MeetingStatus

    kind = models.ForeignKey(MeetingKind, verbose_name=_("種類"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状態"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED,
                              db_index=True)
    starts_at = models.DateTimeField(_("開始日時"), db_index=True)
    ends_at = models.DateTimeField(_("終了日時"), null=True, blank=True)
    place_district = models.ForeignKey(District, verbose_name=_("会場(市民センター)"), on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="+")
    place_text = models.CharField(_("会場(その他)"), max_length=200, blank=True)
    districts = models.ManyToManyField(District, verbose_name=_("対象の地区"), blank=True, related_name="meetings")
    communities = models.ManyToManyField(Community, verbose_name=_("対象の地域協働体"), blank=True,
                                         related_name="meetings")
    agenda = models.TextField(_("議題"), blank=True)
    minutes = models.TextField(_("記録(議事要旨)"), blank=True)
    attendance_residents = models.PositiveIntegerField(_("参加者数(住民)"), null=True, blank=True)
    attendance_communities = models.PositiveIntegerField(_("参加者数(地域協働体)"), null=True, blank=True)
    attendance_city = models.PositiveIntegerField(_("参加者数(市)"), null=True, blank=True)
    attendance_other = models.PositiveIntegerField(_("参加者数(その他)"), null=True, blank=True)
    cancel_reason = models.TextField(_("中止の理由"), blank=True)
    fiscal_year = FiscalYearField(_("年度"), db_index=True)
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登録者"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("会議")
        verbose_name_plural = _("会議")
        constraints = [
            models.CheckConstraint(condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                                   name="dialogue_meeting_cancel_reason"),
            models.CheckConstraint(condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                                   name="dialogue_meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def staff_url(self) -> str:
        return reverse("dialogue_staff:meeting-detail", args=[self.pk])

    @property
    def place(self) -> str:
        center = self.place_district.citizen_center_name if self.place_district else ""
        return " ".join(part for part in (center, self.place_text) if part)

    @property
    def attendance_total(self) -> int | None:
        counts = [self.attendance_residents, self.attendance_communities, self.attendance_city, self.attendance_other]
        return sum(c or 0 for c in counts) if any(c is not None for c in counts) else None


def meeting_attachment_path(instance: MeetingAttachment, filename: str) -> str:
    """Stored under a name kyodo chooses: the uploaded name never reaches the file system."""
    return f"dialogue/meetings/{instance.meeting_id}/{uuid.uuid4().hex}{stored_suffix(instance.content_type)}"


class MeetingAttachment(StoredFile):
    """A file of a meeting (minutes, handouts): public once the minutes are, or at once when marked public."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("議事録")
        HANDOUT = "handout", _("配布資料")
        OTHER = "other", _("その他")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("ファイル"), upload_to=meeting_attachment_path, max_length=200)
    public_now = models.BooleanField(_("記録の公開前から公開する"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "kind", "uploaded_at", "pk"]
        verbose_name = _("会議の添付ファイル")
        verbose_name_plural = _("会議の添付ファイル")
        constraints = [
            models.CheckConstraint(name="dialogue_meeting_attachment_kind",
                                   condition=Q(kind__in=["minutes", "handout", "other"])),
        ]


class MeetingTransition(TransitionRecord):
    """One step of a meeting's timeline."""

    workflow_name = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("変更前"), max_length=20, choices=MeetingStatus.choices)
    to_status = models.CharField(_("変更後"), max_length=20, choices=MeetingStatus.choices)

    class Meta:
        ordering = ["meeting", "occurred_at", "pk"]
        verbose_name = _("会議の経過")
        verbose_name_plural = _("会議の経過")


class OpinionStatus(models.TextChoices):
    RECEIVED = "received", _("受付")
    ROUTED = "routed", _("担当課で回答中")
    ANSWERED = "answered", _("回答済み(確認待ち)")
    RETURNED = "returned", _("回答の差戻し")
    REVIEWED = "reviewed", _("確認済み(公開待ち)")
    PUBLISHED = "published", _("公開")


class OpinionKind(models.TextChoices):
    OPINION = "opinion", _("意見")
    REQUEST = "request", _("要望")
    PROPOSAL = "proposal", _("提案")


class OpinionSource(models.TextChoices):
    COMMUNITY = "community", _("地域協働体から直接")
    PLAN_ITEM = "plan_item", _("地域づくり計画の取組")
    MEETING = "meeting", _("意見交換会・懇談会")


class Outcome(models.TextChoices):
    PLAN = "plan", _("市の計画に反映")
    BUDGET = "budget", _("予算に反映")
    OPERATIONS = "operations", _("運用で対応")
    STUDY = "study", _("検討中")
    IMPOSSIBLE = "impossible", _("対応困難")


class Opinion(DemoData, Versioned):
    """One opinion, request or proposal, and what became of it."""

    Status = OpinionStatus

    status = models.CharField(_("状態"), max_length=20, choices=OpinionStatus.choices,
                              default=OpinionStatus.RECEIVED, db_index=True)
    kind = models.CharField(_("種別"), max_length=16, choices=OpinionKind.choices, default=OpinionKind.OPINION)
    title = models.CharField(_("件名"), max_length=200)
    body = models.TextField(_("意見の内容"))
    source = models.CharField(_("出どころ"), max_length=16, choices=OpinionSource.choices,
                              default=OpinionSource.COMMUNITY)
    source_note = models.CharField(_("出どころの補足"), max_length=200, blank=True,
                                   help_text=_("会議名など"))
    meeting = models.ForeignKey(Meeting, verbose_name=_("会議"), on_delete=models.PROTECT, null=True, blank=True,
                                related_name="opinions")
    plan_initiative = models.ForeignKey(
        PlanInitiative, verbose_name=_("地域づくり計画の取組"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="opinions",
    )
    category = models.ForeignKey(OpinionCategory, verbose_name=_("分類"), on_delete=models.PROTECT,
                                 related_name="opinions")
    district = models.ForeignKey(District, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="opinions")
    community = models.ForeignKey(Community, verbose_name=_("地域協働体"), on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="opinions")
    departments = models.ManyToManyField(Department, verbose_name=_("担当課"), blank=True,
                                         related_name="opinions")
    received_on = models.DateField(_("受付日"))
    fiscal_year = FiscalYearField(_("年度"), db_index=True)
    due_on = models.DateField(_("回答期限"), null=True, blank=True, db_index=True)
    answer = models.TextField(_("回答"), blank=True)
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回答者"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    outcome = models.CharField(_("対応結果"), max_length=16, choices=Outcome.choices, blank=True, db_index=True)
    outcome_plan = models.CharField(_("反映した計画"), max_length=200, blank=True)
    outcome_measure = models.CharField(_("反映した施策"), max_length=200, blank=True)
    outcome_plan_measure = models.ForeignKey(
        Measure, verbose_name=_("反映した施策(協働推進計画)"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="opinions", help_text=_("kyodoにある計画の施策なら選びます。ほかの計画なら名称を入力します。"),
    )
    outcome_fiscal_year = FiscalYearField(_("予算の年度"), null=True, blank=True)
    outcome_budget_item = models.CharField(_("予算の事業名"), max_length=200, blank=True)
    outcome_amount_yen = models.PositiveBigIntegerField(_("予算額(円)"), null=True, blank=True)
    outcome_study_until = models.DateField(_("検討の期限"), null=True, blank=True)
    outcome_reason = models.TextField(_("対応できない理由"), blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登録者"), on_delete=models.PROTECT,
                                    related_name="+")
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("意見・要望・提案")
        verbose_name_plural = _("意見・要望・提案")
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "reviewed", "published"]) | ~Q(outcome=""),
                name="dialogue_opinion_outcome_when_answered",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="budget") | (Q(outcome_fiscal_year__isnull=False) & ~Q(outcome_budget_item="")),
                name="dialogue_opinion_budget_has_year_and_item",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="plan") | ~Q(outcome_plan=""), name="dialogue_opinion_plan_named",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="study") | Q(outcome_study_until__isnull=False),
                name="dialogue_opinion_study_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="impossible") | ~Q(outcome_reason=""), name="dialogue_opinion_reason_given",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:opinion-detail", args=[self.pk])

    @property
    def staff_url(self) -> str:
        return reverse("dialogue_staff:opinion-detail", args=[self.pk])


class OpinionTransition(TransitionRecord):
    """One step of an opinion's timeline."""

    workflow_name = "opinion"

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("変更前"), max_length=20, choices=OpinionStatus.choices)
    to_status = models.CharField(_("変更後"), max_length=20, choices=OpinionStatus.choices)

    class Meta:
        ordering = ["opinion", "occurred_at", "pk"]
        verbose_name = _("意見の経過")
        verbose_name_plural = _("意見の経過")


class MeetingRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("申込み")
    SCHEDULED = "scheduled", _("開催決定")
    DECLINED = "declined", _("見送り")


class MeetingRequest(DemoData, Versioned):
    """A community asks for a meeting (purpose, preferred dates) until it is scheduled or declined with a reason."""

    Status = MeetingRequestStatus

    community = models.ForeignKey(Community, verbose_name=_("地域協働体"), on_delete=models.PROTECT,
                                  related_name="meeting_requests")
    kind = models.ForeignKey(MeetingKind, verbose_name=_("希望する会議の種類"), on_delete=models.PROTECT,
                             related_name="requests")
    status = models.CharField(_("状態"), max_length=20, choices=MeetingRequestStatus.choices,
                              default=MeetingRequestStatus.REQUESTED, db_index=True)
    purpose = models.TextField(_("目的・話し合いたいこと"))
    first_choice_on = models.DateField(_("第1希望日"))
    second_choice_on = models.DateField(_("第2希望日"), null=True, blank=True)
    note = models.CharField(_("補足(時間帯・人数など)"), max_length=300, blank=True)
    meeting = models.ForeignKey(Meeting, verbose_name=_("開催する会議"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="requests")
    decline_reason = models.TextField(_("見送りの理由"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申込者"), on_delete=models.PROTECT,
                                     related_name="+")
    created_at = models.DateTimeField(_("申込日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("会議の開催申込み")
        verbose_name_plural = _("会議の開催申込み")
        constraints = [
            models.CheckConstraint(condition=~Q(status="scheduled") | Q(meeting__isnull=False),
                                   name="dialogue_request_scheduled_has_meeting"),
            models.CheckConstraint(condition=~Q(status="declined") | ~Q(decline_reason=""),
                                   name="dialogue_request_declined_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.community.name} {self.kind.name}の申込み"

    @property
    def staff_url(self) -> str:
        return reverse("dialogue_staff:request-detail", args=[self.pk])


class MeetingRequestTransition(TransitionRecord):
    workflow_name = "meeting_request"

    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("変更前"), max_length=20, choices=MeetingRequestStatus.choices)
    to_status = models.CharField(_("変更後"), max_length=20, choices=MeetingRequestStatus.choices)

    class Meta:
        ordering = ["request", "occurred_at", "pk"]
        verbose_name = _("開催申込みの経過")
        verbose_name_plural = _("開催申込みの経過")


class AnswerReminder(models.Model):
    """A reminder e-mail to the departments about an answer due soon or overdue; each (opinion, kind, due date)
    is sent once (the unique constraint is the claim)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("回答期限の3日前")
        OVERDUE = "overdue", _("回答期限の超過")

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    due_on = models.DateField(_("回答期限"))
    recipients = models.PositiveIntegerField(_("送信先の数"), default=0)
    sent_at = models.DateTimeField(_("送信日時"), auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("回答の督促")
        verbose_name_plural = _("回答の督促")
        constraints = [models.UniqueConstraint(fields=["opinion", "kind", "due_on"], name="dialogue_reminder_once")]

    def __str__(self) -> str:
        return f"{self.opinion_id}: {self.kind} ({self.due_on})"
