"""The city's overview: opinions counted by outcome, department, district and fiscal year.

Each table is one GROUP BY query, whatever the number of opinions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.charts import Bar, bar_chart
from kyodo.dialogue.models import Opinion, OpinionStatus, Outcome
from kyodo.dialogue.outcomes import outcome_summary
from kyodo.dialogue.workflow import WAITING_FOR_DEPARTMENT
from kyodo.fiscal_years import FiscalYear


@dataclass(frozen=True)
class Row:
    label: str
    total: int
    published: int
    waiting: int
    overdue: int


def _counts(today: dt.date, prefix: str = "") -> dict[str, Any]:
    return {
        "total": Count(f"{prefix}pk", distinct=bool(prefix)),
        "published": Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": OpinionStatus.PUBLISHED}),
                           distinct=bool(prefix)),
        "waiting": Count(f"{prefix}pk", filter=Q(**{f"{prefix}status__in": WAITING_FOR_DEPARTMENT}),
                         distinct=bool(prefix)),
        "overdue": Count(f"{prefix}pk", filter=Q(**{f"{prefix}status__in": WAITING_FOR_DEPARTMENT,
                                                     f"{prefix}due_on__lt": today}), distinct=bool(prefix)),
    }


def _rows(grouped: Any, label: Any) -> list[Row]:
    return [Row(label(row), row["total"], row["published"], row["waiting"], row["overdue"]) for row in grouped]


def by_outcome() -> list[Row]:
    """Answered opinions by outcome (an opinion not yet answered has none)."""
    grouped = {row["outcome"]: row for row in Opinion.objects.exclude(outcome="").values("outcome").annotate(
        total=Count("pk"), published=Count("pk", filter=Q(status=OpinionStatus.PUBLISHED))).order_by()}
    return [Row(str(label), grouped.get(value, {}).get("total", 0), grouped.get(value, {}).get("published", 0), 0, 0)
            for value, label in Outcome.choices]


def by_department(today: dt.date) -> list[Row]:
    from kyodo.plans.models import Department

    grouped = (Department.objects.filter(opinions__isnull=False).values("name", "order")
               .annotate(**_counts(today, "opinions__")).order_by("order", "name"))
    return _rows(grouped, lambda row: row["name"])


def by_district(today: dt.date) -> list[Row]:
    grouped = (Opinion.objects.values("district__name", "district__order").annotate(**_counts(today))
               .order_by("district__order", "district__name"))
    return _rows(grouped, lambda row: row["district__name"])


def by_fiscal_year(today: dt.date) -> list[Row]:
    grouped = Opinion.objects.values("fiscal_year").annotate(**_counts(today)).order_by("-fiscal_year")
    return _rows(grouped, lambda row: FiscalYear(row["fiscal_year"]).wareki)


def overview(*, today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    outcomes = by_outcome()
    years = by_fiscal_year(today)
    return {
        "by_outcome": outcomes,
        "by_department": by_department(today),
        "by_district": by_district(today),
        "by_fiscal_year": years,
        "outcome_chart": bar_chart([(row.label, [Bar(row.label, row.total)]) for row in outcomes], unit="count"),
        "year_chart": bar_chart([(row.label, [Bar(_("受付"), row.total), Bar(_("公開"), row.published, "#2e7d32")])
                                 for row in years], unit="count"),
    }


EXPORT_HEADER = ("番号", "年度", "受付日", "状態", "種別", "件名", "分類", "地区", "地域協働体", "担当課", "回答期限",
                 "対応結果", "回答", "公開日")


def export_rows() -> Iterator[list[object]]:
    """Every opinion as a spreadsheet row (cells are made safe by the download kit)."""
    from django.db.models import Prefetch

    from kyodo.plans.models import Department

    rows = (Opinion.objects.select_related("district", "community", "category")
            .prefetch_related(Prefetch("departments", queryset=Department.objects.order_by("order", "name")))
            .order_by("-fiscal_year", "-received_on", "-pk"))
    for opinion in rows.iterator(chunk_size=500):
        yield [
            opinion.pk, FiscalYear(opinion.fiscal_year).wareki, opinion.received_on, opinion.get_status_display(),
            opinion.get_kind_display(), opinion.title, opinion.category.name, opinion.district.name,
            opinion.community.name if opinion.community else "", "、".join(d.name for d in opinion.departments.all()),
            opinion.due_on, outcome_summary(opinion), opinion.answer,
            timezone.localtime(opinion.published_at).date() if opinion.published_at else None,
        ]
