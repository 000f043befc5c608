"""Staff dispatch (職員派遣, measure 2): a community asks for city staff to help with its plan or organisation."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData
from kyodo.locking import Versioned
from kyodo.workflows.models import TransitionRecord


class DispatchStatus(models.TextChoices):
    REQUESTED = "requested", _("依頼中")
    ACCEPTED = "accepted", _("派遣中")
    DECLINED = "declined", _("お断り")
    CLOSED = "closed", _("完了")


class DispatchPurpose(models.TextChoices):
    PLAN_DRAFTING = "plan_drafting", _("地域づくり計画の策定")
    PLAN_REVISION = "plan_revision", _("地域づくり計画の見直し")
    ORGANISATION = "organisation", _("組織の見直し")


class DispatchRequest(DemoData, Versioned):
    """A community's request for city staff, decided by the city, carried out in visits, closed with an outcome."""

    community = models.ForeignKey(
        "communities.Community", verbose_name=_("地域協働体"), on_delete=models.PROTECT,
        related_name="dispatch_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("依頼した人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("依頼日"))
    purpose = models.CharField(_("目的"), max_length=20, choices=DispatchPurpose.choices)
    preferred_dates = models.CharField(_("希望する日時"), max_length=200)
    notes = models.TextField(_("内容・備考"), max_length=4000, blank=True)
    status = models.CharField(
        _("状況"), max_length=20, choices=DispatchStatus.choices, default=DispatchStatus.REQUESTED
    )
    assigned_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("派遣する職員"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="dispatch_assignments",
    )
    decline_reason = models.TextField(_("お断りの理由"), blank=True)
    outcome = models.TextField(_("成果"), blank=True)
    plan_revision = models.ForeignKey(
        "communities.PlanRevision", verbose_name=_("計画の見直し"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("職員派遣の依頼")
        verbose_name_plural = _("職員派遣の依頼")
        constraints = [
            models.CheckConstraint(
                name="dispatch_accepted_has_staff",
                condition=~models.Q(status__in=["accepted", "closed"]) | models.Q(assigned_staff__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} {self.get_purpose_display()}({self.requested_on})"


class DispatchVisit(models.Model):
    """One visit of the dispatched staff to the community."""

    request = models.ForeignKey(DispatchRequest, verbose_name=_("依頼"), on_delete=models.CASCADE,
                                related_name="visits")
    visited_on = models.DateField(_("訪問日"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("記録した職員"), on_delete=models.PROTECT,
                              related_name="+")
    summary = models.TextField(_("内容"), max_length=4000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = _("派遣の訪問")
        verbose_name_plural = _("派遣の訪問")

    def __str__(self) -> str:
        return f"{self.request} {self.visited_on}"


class DispatchTransition(TransitionRecord):
    workflow_name: ClassVar[str] = "staff_dispatch"

    request = models.ForeignKey(DispatchRequest, on_delete=models.CASCADE, related_name="transitions")

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("職員派遣の経過")
        verbose_name_plural = _("職員派遣の経過")
