"""Who took part: attendance by age band per community and fiscal year (the youth share the plan asks
for), city staff trainings per department (measure 15), and one person's training history.

Every figure counts attended registrations (出席), each read in one grouped query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kyodo.age_bands import YOUTH_BANDS, AgeBand
from kyodo.communities.scopes import internal_filter
from kyodo.events.models import Registration, RegistrationStatus, Tier
from kyodo.fiscal_years import FiscalYear
from kyodo.scopes import EVERYTHING, NOTHING
from kyodo.text_search import normalize_for_search


def _in_year(year: int) -> Q:
    fiscal = FiscalYear(year)
    start = timezone.make_aware(dt.datetime.combine(fiscal.starts_on, dt.time()))
    end = timezone.make_aware(dt.datetime.combine(fiscal.ends_on + dt.timedelta(days=1), dt.time()))
    return Q(event__starts_at__gte=start, event__starts_at__lt=end)


def attended() -> QuerySet[Registration]:
    return Registration.objects.filter(status=RegistrationStatus.CONFIRMED, attended_at__isnull=False)


@dataclass
class AgeRow:
    label: str
    counts: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def youth(self) -> int:
        return sum(count for band, count in zip(AgeBand.values, self.counts, strict=True) if band in YOUTH_BANDS)

    @property
    def youth_percent(self) -> int:
        return round(self.youth * 100 / self.total) if self.total else 0


def _community_filter(user: Any) -> Q:
    """City staff who see every community see the whole city; others their communities' rows."""
    condition = internal_filter(user, via="community")
    return EVERYTHING if condition == EVERYTHING else condition


def age_bands_by_community(user: Any, year: int) -> tuple[list[AgeRow], AgeRow]:
    """Rows per community (in the user's scope) and the total row, attendance in fiscal year ``year``."""
    condition = _community_filter(user)
    rows: dict[str, AgeRow] = {}
    total = AgeRow("合計", [0] * len(AgeBand.values))
    if condition == NOTHING:
        return [], total
    grouped = (attended().filter(_in_year(year)).filter(condition)
               .values("community__name", "community__name_kana", "age_band").annotate(n=Count("pk"))
               .order_by("community__name_kana", "age_band"))
    for item in grouped:
        name = item["community__name"] or "所属なし"
        row = rows.setdefault(name, AgeRow(name, [0] * len(AgeBand.values)))
        index = AgeBand.values.index(item["age_band"])
        row.counts[index] += item["n"]
        total.counts[index] += item["n"]
    return list(rows.values()), total


def staff_training_by_department(year: int) -> list[tuple[str, int]]:
    """City staff who attended city staff trainings in ``year``, per department."""
    grouped = (attended().filter(_in_year(year), event__kind__tier=Tier.CITY_STAFF, user__department__isnull=False)
               .values("user__department__name").annotate(n=Count("user", distinct=True))
               .order_by("user__department__name"))
    return [(item["user__department__name"], item["n"]) for item in grouped]


def training_history(name_kana: str, contact: str) -> list[Registration]:
    """The events one person attended (matched by kana and contact), newest first, with their tiers."""
    needle = normalize_for_search(name_kana)
    if not needle or not contact.strip():
        return []
    candidates = attended().filter(contact=contact.strip()).select_related("event__kind").order_by("-event__starts_at")
    return [r for r in candidates if normalize_for_search(r.name_kana) == needle]
