"""Who took part: volunteers who came, by age band, per hosting community and fiscal year — the youth
share the plan asks for (施策7). One grouped query; the rows follow the user's community scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from kyodo.age_bands import AgeBand, youth_percent
from kyodo.communities.scopes import internal_filter
from kyodo.fiscal_years import FiscalYear
from kyodo.participation.models import Signup, SignupStatus
from kyodo.scopes import NOTHING


@dataclass
class AgeRow:
    label: str
    counts: list[int] = field(default_factory=lambda: [0] * len(AgeBand.values))

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def youth_percent(self) -> int:
        return youth_percent(self.counts)


def _in_year(year: int) -> Q:
    fiscal = FiscalYear(year)
    start = timezone.make_aware(dt.datetime.combine(fiscal.starts_on, dt.time()))
    end = timezone.make_aware(dt.datetime.combine(fiscal.ends_on + dt.timedelta(days=1), dt.time()))
    return Q(opportunity__starts_at__gte=start, opportunity__starts_at__lt=end)


def age_bands_by_community(user: Any, year: int) -> tuple[list[AgeRow], AgeRow]:
    """Rows per hosting community in the user's scope, and the total row: volunteers who came in ``year``."""
    total = AgeRow(gettext("合計"))
    condition = internal_filter(user, via="opportunity__community")
    if condition == NOTHING:
        return [], total
    grouped = (Signup.objects.filter(status=SignupStatus.CONFIRMED, attended_at__isnull=False)
               .filter(_in_year(year)).filter(condition)
               .values("opportunity__community__name", "opportunity__community__name_kana", "age_band")
               .annotate(n=Count("pk")).order_by("opportunity__community__name_kana", "age_band"))
    rows: dict[str, AgeRow] = {}
    for item in grouped:
        name = item["opportunity__community__name"]
        row = rows.setdefault(name, AgeRow(name))
        index = AgeBand.values.index(item["age_band"])
        row.counts[index] += item["n"]
        total.counts[index] += item["n"]
    return list(rows.values()), total
