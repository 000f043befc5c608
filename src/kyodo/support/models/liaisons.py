"""Liaison assignments (地域担当職員, measure 14) and the liaison's contact log."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData


class LiaisonAssignmentQuerySet(models.QuerySet["LiaisonAssignment"]):
    def active(self) -> Self:
        today = timezone.localdate()
        current = models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=today)
        return self.filter(current, started_on__lte=today)


class LiaisonAssignment(DemoData):
    """A city employee assigned as a community body's liaison for a period.

    A rotation ends the open assignment the day before the successor starts; the database keeps at most
    one open assignment (no end date) per community, so two rotations at once cannot both succeed.
    """

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("職員"), on_delete=models.PROTECT, related_name="liaison_assignments"
    )
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("地域協働体"), on_delete=models.CASCADE,
        related_name="liaison_assignments",
    )
    started_on = models.DateField(_("開始日"))
    ended_on = models.DateField(_("終了日"), null=True, blank=True)
    handover_note = models.TextField(
        _("引継ぎメモ"), blank=True, max_length=4000,
        help_text=_("前任者から後任者への引継ぎ事項(地域の状況、継続中の案件など)。"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("配置した職員"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )

    objects = LiaisonAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["community", "-started_on"]
        verbose_name = _("地域担当職員の配置")
        verbose_name_plural = _("地域担当職員の配置")
        constraints = [
            models.UniqueConstraint(
                fields=["community"], condition=models.Q(ended_on__isnull=True),
                name="one_open_liaison_assignment_per_community",
            ),
            models.CheckConstraint(
                name="liaison_assignment_ends_after_start",
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                violation_error_message=_("終了日は開始日より後にしてください。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} — {self.staff}"

    @property
    def staff_section(self) -> str:
        """The liaison's section (所属), as the public page shows it: department, branch office or role."""
        staff = self.staff
        return str(staff.department or staff.branch_office or staff.role_label)


class Contact(DemoData):
    """One contact of the city with a community (a visit, a call, a meeting…), with a follow-up if one is due."""

    class Way(models.TextChoices):
        VISIT = "visit", _("訪問")
        PHONE = "phone", _("電話")
        MEETING = "meeting", _("会議・打合せ")
        EMAIL = "email", _("メール")
        OTHER = "other", _("その他")

    community = models.ForeignKey(
        "communities.Community", verbose_name=_("地域協働体"), on_delete=models.CASCADE, related_name="contacts"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("記録した職員"), on_delete=models.PROTECT, related_name="+"
    )
    contacted_on = models.DateField(_("日付"))
    way = models.CharField(_("方法"), max_length=16, choices=Way.choices)
    summary = models.TextField(_("内容"), max_length=4000)
    follow_up = models.CharField(_("フォローアップ"), max_length=400, blank=True)
    follow_up_due = models.DateField(_("フォローアップ期限"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("フォローアップ完了日"), null=True, blank=True)
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-contacted_on", "-pk"]
        verbose_name = _("連絡記録")
        verbose_name_plural = _("連絡記録")
        indexes = [models.Index(fields=["community", "-contacted_on"], name="support_contact_latest")]
        constraints = [
            models.CheckConstraint(
                name="contact_follow_up_has_due_date",
                condition=models.Q(follow_up="") | models.Q(follow_up_due__isnull=False),
                violation_error_message=_("フォローアップには期限を入力してください。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.contacted_on} {self.get_way_display()}"

    @property
    def follow_up_open(self) -> bool:
        return bool(self.follow_up) and self.follow_up_done_on is None

    @property
    def follow_up_overdue(self) -> bool:
        return self.follow_up_open and self.follow_up_due is not None and self.follow_up_due < timezone.localdate()
