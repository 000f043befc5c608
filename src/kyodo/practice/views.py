"""Public pages: the list of activity reports (by theme, community, district, fiscal year, words),
one report, and its photos (only those of a published report, unless the reader works on it)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.fiscal_years import FiscalYear
from kyodo.practice import queries
from kyodo.practice.models import ReportStatus
from kyodo.query_params import query_fiscal_year, query_int

PAGE_SIZE = 20


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("ホーム"), reverse("portal:home")), (_("活動事例"), reverse("practice:list")), *more]


@public
def report_list(request: HttpRequest) -> HttpResponse:
    filters = queries.Filters(
        theme=request.GET.get("theme", "").strip()[:40],
        community=request.GET.get("community", "").strip()[:60],
        district=query_int(request, "district", minimum=1),
        year=query_fiscal_year(request),
        text=request.GET.get("q", "").strip()[:100],
    )
    page_obj = Paginator(queries.public_reports(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "practice/list.html", {
        "page_obj": page_obj, "reports": page_obj.object_list, "filters": filters,
        "themes": queries.themes(), "communities": queries.communities(), "districts": queries.districts(),
        "years": [FiscalYear(year) for year in queries.years()],
        "query_without_page": f"{params.urlencode()}&" if params else "",
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("活動事例"), None)],
    })


@public
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = queries.public_report(pk)
    return render(request, "practice/detail.html", {
        "report": report, "events": queries.presented_events(report),
        "can_edit": request.user.has_perm("practice.view_report", report),
        "crumbs": _crumbs((report.title, None)),
    })


@public
def photo(request: HttpRequest, pk: int, photo_pk: int) -> FileResponse:
    """A photo: anyone for a published report; the report's writers and the city for the others."""
    found = queries.photo(pk, photo_pk)
    if found.report.status != ReportStatus.PUBLISHED and not request.user.has_perm("practice.view_report",
                                                                                   found.report):
        raise Http404
    response = FileResponse(found.image.open("rb"), content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400" if found.report.status == ReportStatus.PUBLISHED \
        else "private, no-store"
    return response
