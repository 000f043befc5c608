"""The centre's report to the city (it works under contract): consultations of a fiscal year by topic and month,
and by community, as a table, a chart and an Excel file."""

from __future__ import annotations

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
from kyodo.query_params import parse_int
from kyodo.support.models import Consultation, ConsultationTopic

MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
REPORT = "support.view_consultation_report"


@dataclass
class Report:
    year: FiscalYear
    topics: list[tuple[str, list[int], int]]  # topic, counts by month (April first), total
    month_totals: list[int]
    communities: list[tuple[str, int]]
    total: int


def build_report(year: FiscalYear) -> Report:
    """Three queries, whatever the number of consultations."""
    rows = Consultation.objects.filter(consulted_on__gte=year.starts_on, consulted_on__lte=year.ends_on)
    by_topic_month = rows.annotate(month=ExtractMonth("consulted_on")).values("topic_id", "month").annotate(
        n=Count("pk")).order_by()
    counts: dict[tuple[int, int], int] = {(r["topic_id"], r["month"]): r["n"] for r in by_topic_month}
    topics = []
    for topic in ConsultationTopic.objects.all():
        by_month = [counts.get((topic.pk, month), 0) for month in MONTHS]
        if topic.is_active or any(by_month):
            topics.append((topic.name, by_month, sum(by_month)))
    month_totals = [sum(row[1][index] for row in topics) for index in range(len(MONTHS))]
    communities = [(r["community__name"], r["n"]) for r in
                   rows.values("community__name").annotate(n=Count("pk")).order_by("-n", "community__name")]
    return Report(year, topics, month_totals, communities, sum(month_totals))


def _year(request: HttpRequest) -> FiscalYear:
    value = request.GET.get("year", "")
    current = FiscalYear.of(timezone.localdate())
    year = parse_int(value.strip(), minimum=2000, maximum=current.year)
    return FiscalYear(year) if year is not None else current


@require_perm(REPORT)
def report_page(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    report = build_report(year)
    chart = bar_chart([(name, [Bar(name, total)]) for name, _months, total in report.topics], unit="count")
    return render(request, "support/consultation_report.html", {
        "report": report, "chart": chart, "months": MONTHS, "years": [year + offset for offset in (-1, 1)],
        "crumbs": [(_("作業画面"), reverse("staff:home")),
                   (_("相談・助言の記録"), reverse("support_staff:consultation-list")), (_("相談の実績報告"), None)],
    })


@download
@require_perm(REPORT)
def report_export(request: HttpRequest) -> HttpResponseBase:
    year = _year(request)
    report = build_report(year)
    header: list[Any] = [_("分類"), *[f"{month}月" for month in MONTHS], _("合計")]
    rows = ([name, *months, total] for name, months, total in report.topics)
    below: list[list[object]] = [[_("合計"), *report.month_totals, report.total], [],
                                 [_("地域協働体"), _("件数")], *([name, n] for name, n in report.communities)]
    return xlsx_response(rows, filename=f"相談実績_{year.year}.xlsx", header=header, sheet_title=str(year.year),
                         above=[[f"いちのせき市民活動センター 相談実績 {year.label}"]], below=below,
                         fallback=f"consultations_{year.year}.xlsx")
