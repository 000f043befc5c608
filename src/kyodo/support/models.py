"""Liaison assignments (地域担当職員, measure 14)."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LiaisonAssignmentQuerySet(models.QuerySet["LiaisonAssignment"]):
    def active(self) -> Self:
        today = timezone.localdate()
        current = models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=today)
        return self.filter(current, started_on__lte=today)


class LiaisonAssignment(models.Model):
    """A city employee assigned as a community body's liaison for a period."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("職員"), on_delete=models.PROTECT, related_name="liaison_assignments"
    )
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("地域協働体"), on_delete=models.CASCADE,
        related_name="liaison_assignments",
    )
    started_on = models.DateField(_("開始日"))
    ended_on = models.DateField(_("終了日"), null=True, blank=True)

    objects = LiaisonAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["community", "-started_on"]
        verbose_name = _("地域担当職員の配置")
        verbose_name_plural = _("地域担当職員の配置")

    def __str__(self) -> str:
        return f"{self.community} — {self.staff}"
