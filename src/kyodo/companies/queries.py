"""Reads: the public list of companies with their filters, one company, the staff lists. Fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from kyodo.communities.models import BranchOffice, Community
from kyodo.companies.models import Company, Partnership, PartnershipStatus
from kyodo.companies.scopes import COMPANIES, VISIBLE
from kyodo.text_search import normalize_for_search


@dataclass(frozen=True)
class Filters:
    """What the public narrows the companies by: a partnership's kind, community, area, and words."""

    kind: str = ""
    community: str = ""
    area: str = ""
    text: str = ""


def _matching_words(rows: QuerySet[Any], text: str) -> QuerySet[Any]:
    """``rows`` whose search words hold ``text`` (width, case and kana folded)."""
    needle = normalize_for_search(text)
    return rows.filter(search_text__contains=needle) if needle else rows


def _published_partnerships(filters: Filters = Filters()) -> QuerySet[Partnership]:
    partnerships = Partnership.objects.published()
    if filters.kind:
        partnerships = partnerships.filter(kind=filters.kind)
    if filters.community:
        partnerships = partnerships.filter(community__slug=filters.community)
    if filters.area:
        partnerships = partnerships.filter(community__district__branch_office__slug=filters.area)
    return partnerships


def _public_partnership_order(partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return partnerships.select_related("community").order_by("-fiscal_year", "-published_at", "-pk")


def public_companies(filters: Filters = Filters()) -> QuerySet[Company]:
    """Listed companies with a published partnership matching ``filters``, by name; each with its published
    partnerships prefetched (``shown_partnerships``)."""
    matching = _published_partnerships(filters).filter(company=OuterRef("pk"))
    companies = Company.objects.filter(Exists(matching))
    needle = normalize_for_search(filters.text)
    if needle:
        # The company's own words (name, address, profile) or those of one of its matching partnerships.
        companies = companies.filter(Q(search_text__contains=needle)
                                     | Q(Exists(matching.filter(search_text__contains=needle))))
    shown = Prefetch("partnerships", queryset=_public_partnership_order(Partnership.objects.published()),
                     to_attr="shown_partnerships")
    return companies.filter(is_listed=True).prefetch_related(shown).order_by("name", "pk")


def public_company(slug: str) -> Company:
    """A listed company with at least one published partnership (404 otherwise)."""
    company: Company = get_object_or_404(
        Company.objects.filter(is_listed=True, partnerships__status=PartnershipStatus.PUBLISHED).distinct(),
        slug=slug)
    return company


def published_partnerships_of(company: Company) -> list[Partnership]:
    return list(_public_partnership_order(company.partnerships.published()))


def public_partnerships(filters: Filters = Filters()) -> QuerySet[Partnership]:
    """Published partnerships (of listed companies), newest year first, narrowed by ``filters``."""
    partnerships = _published_partnerships(filters)
    partnerships = _matching_words(partnerships, filters.text)
    return _public_partnership_order(partnerships.select_related("company"))


def communities() -> list[Community]:
    """The communities some published partnership works with (the public filter)."""
    return list(Community.objects.filter(company_partnerships__in=Partnership.objects.published())
                .distinct().order_by("name_kana", "pk"))


def areas() -> list[BranchOffice]:
    """The areas (branch offices) of those communities."""
    return list(BranchOffice.objects.filter(
        districts__communities__company_partnerships__in=Partnership.objects.published()).distinct()
        .order_by("pk"))


def community_companies(community: Community) -> list[Company]:
    """The listed companies with a published partnership with ``community`` (one query)."""
    return list(Company.objects.filter(is_listed=True, partnerships__in=Partnership.objects.published()
                                       .filter(community=community))
                .annotate(partnership_count=Count("partnerships", distinct=True)).order_by("name"))


@dataclass(frozen=True)
class StaffFilters:
    """What the staff list narrows the partnerships by."""

    status: str = ""
    kind: str = ""
    year: int | None = None
    community: str = ""
    company: str = ""
    text: str = ""


def staff_partnerships(user: Any, filters: StaffFilters = StaffFilters()) -> QuerySet[Partnership]:
    """The partnerships ``user`` works on, those waiting for the city first (the review queue), then the
    most recently changed."""
    partnerships = VISIBLE.queryset(user, Partnership.objects.all())
    if filters.status:
        partnerships = partnerships.filter(status=filters.status)
    if filters.kind:
        partnerships = partnerships.filter(kind=filters.kind)
    if filters.year is not None:
        partnerships = partnerships.filter(fiscal_year=filters.year)
    if filters.community:
        partnerships = partnerships.filter(community__slug=filters.community)
    if filters.company:
        partnerships = partnerships.filter(company__slug=filters.company)
    partnerships = _matching_words(partnerships, filters.text)
    waiting_first = Case(When(status=PartnershipStatus.SUBMITTED, then=Value(0)), default=Value(1),
                         output_field=IntegerField())
    return (partnerships.select_related("company", "community")
            .order_by(waiting_first, "submitted_at", "-updated_at", "-pk"))


def staff_partnership(request: Any, pk: int, **_kwargs: Any) -> Partnership:
    """A partnership by its number (404 when unknown; the permission decides 403)."""
    partnership: Partnership = get_object_or_404(
        Partnership.objects.select_related("company", "community", "created_by"), pk=pk)
    return partnership


def staff_companies(user: Any, *, text: str = "") -> QuerySet[Company]:
    """The companies ``user`` manages, with their partnerships counted by state."""
    companies = _matching_words(COMPANIES.queryset(user, Company.objects.all()), text)
    return companies.annotate(
        partnership_count=Count("partnerships", distinct=True),
        published_count=Count("partnerships", filter=Q(partnerships__status=PartnershipStatus.PUBLISHED),
                              distinct=True),
    ).order_by("name", "pk")


def staff_company(request: Any, slug: str, **_kwargs: Any) -> Company:
    company: Company = get_object_or_404(Company.objects.all(), slug=slug)
    return company


def staff_years(user: Any) -> list[int]:
    return list(VISIBLE.queryset(user, Partnership.objects.all()).order_by("-fiscal_year")
                .values_list("fiscal_year", flat=True).distinct())


def staff_communities(user: Any) -> list[Community]:
    return list(Community.objects.filter(company_partnerships__in=VISIBLE.queryset(user, Partnership.objects.all()))
                .distinct().order_by("name_kana", "pk"))


def counts_by_status(user: Any) -> dict[str, int]:
    """How many of the user's partnerships are in each state (one query)."""
    rows = VISIBLE.queryset(user, Partnership.objects.all()).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
