"""Participation by age band per community and fiscal year (the youth share), as a page and as Excel."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.age_bands import YOUTH_BANDS, AgeBand
from kyodo.charts import Bar, bar_chart
from kyodo.downloads import download, xlsx_response
from kyodo.fiscal_years import FiscalYear
from kyodo.participation import reports
from kyodo.query_params import query_fiscal_year

VIEW = "participation.view_participation"


def _year(request: HttpRequest) -> int:
    current = FiscalYear.current().year
    year = query_fiscal_year(request, default=current) or current
    return year if current - 10 <= year <= current + 1 else current


@require_perm(VIEW)
def participation(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows, total = reports.age_bands_by_community(request.user, year)
    chart = bar_chart([(str(label), [Bar(str(label), count)])
                       for label, count in zip(AgeBand.labels, total.counts, strict=True)], unit="count")
    youth_chart = bar_chart([(row.label, [Bar(_("若い世代の割合"), row.youth_percent)]) for row in [*rows, total]],
                            unit="percent")
    current = FiscalYear.current().year
    return render(request, "participation/staff/participation.html", {
        "year": year, "fiscal_year": FiscalYear(year),
        "years": [FiscalYear(y) for y in range(current, current - 5, -1)],
        "bands": AgeBand.labels, "youth_bands": [AgeBand(b).label for b in AgeBand.values if b in YOUTH_BANDS],
        "rows": rows, "total": total, "chart": chart, "youth_chart": youth_chart,
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("ボランティア参加の状況"), None)],
    })


@download
@require_perm(VIEW)
def participation_xlsx(request: HttpRequest) -> HttpResponseBase:
    year = _year(request)
    rows, total = reports.age_bands_by_community(request.user, year)
    header = [_("地域協働体"), *[str(label) for label in AgeBand.labels], _("計"), _("若い世代の割合(%)")]
    fiscal = FiscalYear(year)
    return xlsx_response(
        ([row.label, *row.counts, row.total, row.youth_percent] for row in rows),
        filename=f"ボランティア参加_{fiscal.label}.xlsx", fallback=f"volunteer-participation-{year}.xlsx",
        header=header, sheet_title=_("年代別参加者数"),
        above=[[_("ボランティア活動の参加者数(年代別・地域協働体別)"), str(fiscal.label)]],
        below=[[total.label, *total.counts, total.total, total.youth_percent]],
    )
