"""Reads: the public list of reports with its filters, one report, the staff lists. Fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kyodo.communities.models import Community, District
from kyodo.events.models import Event
from kyodo.practice.models import PracticePhoto, PracticeReport, PracticeTheme
from kyodo.practice.scopes import VISIBLE
from kyodo.text_search import normalize_for_search


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    community: str = ""
    district: int | None = None
    year: int | None = None
    text: str = ""


def _with_related(reports: QuerySet[PracticeReport]) -> QuerySet[PracticeReport]:
    return reports.select_related("community__district").prefetch_related(
        "themes", Prefetch("photos", queryset=PracticePhoto.objects.order_by("pk"))
    ).annotate(photo_count=Count("photos", distinct=True))


def public_reports(filters: Filters = Filters()) -> QuerySet[PracticeReport]:
    """Published reports, newest activity first, narrowed by ``filters``."""
    reports = PracticeReport.objects.published()
    if filters.theme:
        reports = reports.filter(themes__slug=filters.theme)
    if filters.community:
        reports = reports.filter(community__slug=filters.community)
    if filters.district is not None:
        reports = reports.filter(community__district_id=filters.district)
    if filters.year is not None:
        reports = reports.filter(fiscal_year=filters.year)
    if filters.text:
        reports = reports.search(filters.text)
    return _with_related(reports).order_by("-held_on", "-pk")


def public_report(pk: int) -> PracticeReport:
    report: PracticeReport = get_object_or_404(_with_related(PracticeReport.objects.published()), pk=pk)
    return report


def presented_events(report: PracticeReport) -> list[Event]:
    return list(report.presented_at.exclude(status="draft").exclude(audience="city_staff").order_by("starts_at"))


def themes() -> list[PracticeTheme]:
    return list(PracticeTheme.objects.all())


def communities() -> list[Community]:
    return list(Community.objects.filter(practice_reports__status="published").distinct().order_by("name_kana"))


def districts() -> list[District]:
    return list(District.objects.filter(communities__practice_reports__status="published").distinct()
                .order_by("name"))


def years() -> list[int]:
    return list(PracticeReport.objects.published().order_by("-fiscal_year").values_list("fiscal_year", flat=True)
                .distinct())


def staff_reports(user: Any, *, status: str = "", text: str = "") -> QuerySet[PracticeReport]:
    reports = VISIBLE.queryset(user, PracticeReport.objects.all())
    if status:
        reports = reports.filter(status=status)
    needle = normalize_for_search(text)
    if needle:
        reports = reports.filter(search_text__contains=needle)
    return _with_related(reports).order_by("-updated_at", "-pk")


def staff_report(request: Any, pk: int, **_kwargs: Any) -> PracticeReport:
    """A report by its number (404 when unknown; the permission decides 403)."""
    report: PracticeReport = get_object_or_404(_with_related(PracticeReport.objects.all()), pk=pk)
    return report


def photo(report_pk: int, photo_pk: int) -> PracticePhoto:
    found = PracticePhoto.objects.select_related("report").filter(pk=photo_pk, report_id=report_pk).first()
    if found is None:
        raise Http404
    return found
