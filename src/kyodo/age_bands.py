"""Age bands (年代) that residents give when they register or sign up, and which of them count as young.

Shared by events (registrations) and participation (volunteer sign-ups), so the youth share the plan
asks for (施策7「若者や幅広い世代の参加」) is counted the same way everywhere. Finer than the officers'
bands at the young end.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    UNDER_20 = "under_20", _("19歳以下")
    AGE_20S = "20s", _("20代")
    AGE_30S = "30s", _("30代")
    AGE_40S = "40s", _("40代")
    AGE_50S = "50s", _("50代")
    AGE_60S = "60s", _("60代")
    AGE_70_OVER = "70_over", _("70歳以上")


# The young generations: under 40.
YOUTH_BANDS = frozenset({AgeBand.UNDER_20, AgeBand.AGE_20S, AgeBand.AGE_30S})


def youth_percent(counts_by_band: list[int]) -> int:
    """The young share of ``counts_by_band`` (in ``AgeBand`` order), in whole percent (0 for no one)."""
    total = sum(counts_by_band)
    youth = sum(count for band, count in zip(AgeBand.values, counts_by_band, strict=True) if band in YOUTH_BANDS)
    return round(youth * 100 / total) if total else 0
