"""The centre's report to the city (it works under contract): consultations of a fiscal year, or of one month
of it, by topic and month and by community, as a table, a chart, an Excel file and a PDF.

``?year=`` (a fiscal year) and ``?month=`` (1–12, in that fiscal year) are read with kyodo.query_params:
anything but a plain number in range is a 400, never a 500.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.charts import Bar, bar_chart
from kyodo.downloads import download, xlsx_response
from kyodo.fiscal_years import FiscalYear
from kyodo.japanese_era import era_of, era_year_label
from kyodo.query_params import query_fiscal_year, query_int
from kyodo.support.models import Consultation, ConsultationTopic

MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
REPORT = "support.view_consultation_report"
CENTRE = "いちのせき市民活動センター"


@dataclass(frozen=True)
class Period:
    """A fiscal year, or one month of it (``month`` 1–12)."""

    year: FiscalYear
    month: int | None = None

    @property
    def months(self) -> tuple[int, ...]:
        return (self.month,) if self.month else MONTHS

    @property
    def starts_on(self) -> dt.date:
        if self.month is None:
            return self.year.starts_on
        return dt.date(self.year.year if self.month >= 4 else self.year.year + 1, self.month, 1)

    @property
    def ends_on(self) -> dt.date:
        if self.month is None:
            return self.year.ends_on
        start = self.starts_on
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """令和8年度(2026年度), or 令和8年11月 for a month (和暦, as the city's documents)."""
        if self.month is None:
            return self.year.label
        era, year = era_of(self.starts_on)
        return _("%(era_year)s%(month)s月") % {"era_year": era_year_label(era, year), "month": self.month}

    @property
    def slug(self) -> str:
        return f"{self.year.year}" if self.month is None else f"{self.starts_on:%Y-%m}"


@dataclass
class Report:
    period: Period
    topics: list[tuple[str, list[int], int]]  # topic, counts by month (April first), total
    month_totals: list[int]
    communities: list[tuple[str, int]]
    total: int

    @property
    def year(self) -> FiscalYear:
        return self.period.year


def build_report(period: Period | FiscalYear) -> Report:
    """Three queries, whatever the number of consultations."""
    if isinstance(period, FiscalYear):
        period = Period(period)
    rows = Consultation.objects.filter(consulted_on__gte=period.starts_on, consulted_on__lte=period.ends_on)
    by_topic_month = rows.annotate(month=ExtractMonth("consulted_on")).values("topic_id", "month").annotate(
        n=Count("pk")).order_by()
    counts: dict[tuple[int, int], int] = {(r["topic_id"], r["month"]): r["n"] for r in by_topic_month}
    topics = []
    for topic in ConsultationTopic.objects.all():
        by_month = [counts.get((topic.pk, month), 0) for month in period.months]
        if topic.is_active or any(by_month):
            topics.append((topic.name, by_month, sum(by_month)))
    month_totals = [sum(row[1][index] for row in topics) for index in range(len(period.months))]
    communities = [(r["community__name"], r["n"]) for r in
                   rows.values("community__name").annotate(n=Count("pk")).order_by("-n", "community__name")]
    return Report(period, topics, month_totals, communities, sum(month_totals))


def topic_chart(report: Report) -> dict[str, Any]:
    return bar_chart([(name, [Bar(name, total)]) for name, _months, total in report.topics], unit="count")


def requested_period(request: HttpRequest) -> Period:
    """The period in the query string; the current fiscal year by default. Bad values: BadRequest (400)."""
    current = FiscalYear.of(timezone.localdate())
    year = query_fiscal_year(request, "year", default=current.year)
    month = query_int(request, "month", minimum=1, maximum=12)
    return Period(FiscalYear(year or current.year), month)


def _query(period: Period) -> str:
    return f"year={period.year.year}" + (f"&month={period.month}" if period.month else "")


@require_perm(REPORT)
def report_page(request: HttpRequest) -> HttpResponse:
    period = requested_period(request)
    report = build_report(period)
    return render(request, "support/consultation_report.html", {
        "report": report, "chart": topic_chart(report), "months": period.months,
        "years": [period.year + offset for offset in (-1, 1)], "period": period, "query": _query(period),
        "month_choices": [(month, Period(period.year, month).label) for month in MONTHS],
        "crumbs": [(_("作業画面"), reverse("staff:home")),
                   (_("相談・助言の記録"), reverse("support_staff:consultation-list")), (_("相談の実績報告"), None)],
    })


def table_rows(report: Report) -> tuple[list[str], list[list[Any]], list[Any]]:
    """Heading, rows by topic and the totals row: what the Excel file and the PDF both print."""
    header = [_("分類"), *[_("%(month)s月") % {"month": month} for month in report.period.months], _("合計")]
    rows = [[name, *months, total] for name, months, total in report.topics]
    return header, rows, [_("合計"), *report.month_totals, report.total]


def report_title(report: Report) -> str:
    return _("%(centre)s 相談実績 %(period)s") % {"centre": CENTRE, "period": report.period.label}


@download
@require_perm(REPORT)
def report_export(request: HttpRequest) -> HttpResponseBase:
    period = requested_period(request)
    report = build_report(period)
    header, rows, totals = table_rows(report)
    below: list[list[object]] = [totals, [], [_("地域協働体"), _("件数")],
                                 *([name, n] for name, n in report.communities)]
    return xlsx_response(rows, filename=f"相談実績_{period.slug}.xlsx", header=header, sheet_title=period.slug,
                         above=[[report_title(report)]], below=below, fallback=f"consultations_{period.slug}.xlsx")
