"""Reads: the public list of opportunities, one opportunity, the hosts' lists. Counts are annotated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyodo.participation.models import TAG_FIELDS, Opportunity, OpportunityStatus, Signup, SignupStatus, Tag
from kyodo.participation.scopes import MANAGED
from kyodo.text_search import normalize_for_search

S = SignupStatus


@dataclass(frozen=True)
class Filters:
    """The public list's filters, each already bounded by the view."""

    text: str = ""
    community: str = ""  # slug
    district: int | None = None
    tag: str = ""
    on: dt.date | None = None  # activities on this day
    upcoming: bool = True


def with_counts(opportunities: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return opportunities.select_related("community__district").annotate(
        taken=Count("signups", filter=~Q(signups__status=S.CANCELLED)),
        applied=Count("signups", filter=Q(signups__status=S.APPLIED)),
        confirmed=Count("signups", filter=Q(signups__status=S.CONFIRMED)),
    )


def _day_range(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    return start, start + dt.timedelta(days=1)


def public_opportunities(filters: Filters) -> QuerySet[Opportunity]:
    """The public list: published (and closed or cancelled) opportunities, upcoming soonest first."""
    rows = Opportunity.objects.listed()
    if filters.community:
        rows = rows.filter(community__slug=filters.community)
    if filters.district:
        rows = rows.filter(community__district_id=filters.district)
    if filters.tag in Tag.values:
        rows = rows.filter(**{TAG_FIELDS[Tag(filters.tag)]: True})
    if filters.on:
        start, end = _day_range(filters.on)
        rows = rows.filter(starts_at__lt=end, ends_at__gte=start)
    if filters.upcoming:
        rows = rows.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")
    else:
        rows = rows.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    if filters.text:
        rows = rows.search(filters.text)
    return with_counts(rows)


def public_opportunity(pk: int) -> Opportunity:
    opportunity: Opportunity = get_object_or_404(with_counts(Opportunity.objects.listed()), pk=pk)
    return opportunity


def managed_opportunities(user: Any, *, status: str = "", text: str = "") -> QuerySet[Opportunity]:
    rows = MANAGED.queryset(user, Opportunity.objects.all())
    if status:
        rows = rows.filter(status=status)
    needle = normalize_for_search(text)
    if needle:
        rows = rows.filter(search_text__contains=needle)
    return with_counts(rows).order_by("-starts_at", "-pk")


def managed_opportunity(request: Any, pk: int, **_kwargs: Any) -> Opportunity:
    """An opportunity by its number, for the hosts' pages (404 when unknown; the permission decides 403)."""
    opportunity: Opportunity = get_object_or_404(with_counts(Opportunity.objects.all()), pk=pk)
    return opportunity


def signups(opportunity: Opportunity) -> list[Signup]:
    """Who signed up (not the cancelled ones), in one query."""
    return list(opportunity.signups.exclude(status=S.CANCELLED).select_related("community")
                .order_by("signed_up_at", "pk"))


def to_confirm_count(user: Any) -> int:
    """Sign-ups waiting for the user's confirmation, in opportunities that have not ended."""
    return Signup.objects.filter(
        opportunity__in=MANAGED.queryset(user).filter(ends_at__gte=timezone.now()), status=S.APPLIED,
    ).exclude(opportunity__status=OpportunityStatus.CANCELLED).count()


def host_communities(user: Any) -> QuerySet[Any]:
    """The communities ``user`` may post opportunities for (the scope MANAGED, on communities)."""
    from kyodo.communities.models import Community

    rows = Community.objects.order_by("name_kana")
    if user.is_city_admin:
        return rows
    if getattr(user, "is_community_member", False):
        return rows.filter(pk=user.community_id)
    if user.role == "branch_staff" and user.branch_office_id is not None:
        return rows.filter(district__branch_office_id=user.branch_office_id)
    return rows.none()


def districts() -> list[Any]:
    from kyodo.communities.models import District

    return list(District.objects.order_by("branch_office__order", "order", "pk"))


def communities() -> list[Any]:
    from kyodo.communities.models import Community

    return list(Community.objects.order_by("name_kana").only("pk", "name", "slug"))
