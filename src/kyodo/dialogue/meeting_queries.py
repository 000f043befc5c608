"""Reads about meetings: the public list and page, the iCal feed's rows, the staff list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyodo.communities.models import Community, District
from kyodo.dialogue.models import Meeting, MeetingStatus, Opinion
from kyodo.query_params import parse_int

FEED_DAYS_BACK = 400


def _related(rows: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return rows.select_related("kind", "place_district").prefetch_related(
        Prefetch("districts", queryset=District.objects.order_by("order", "name")),
        Prefetch("communities", queryset=Community.objects.order_by("name")),
    )


@dataclass(frozen=True)
class MeetingFilters:
    kind: int | None = None
    when: str = ""  # "upcoming" | "past" | ""
    status: str = ""

    @classmethod
    def of(cls, params: Mapping[str, str]) -> MeetingFilters:
        kind = parse_int(str(params.get("kind", "")).strip(), minimum=1, maximum=9_999_999)
        when = params.get("when", "")
        status = params.get("status", "")
        return cls(kind=kind if kind and 0 < kind < 10_000_000 else None,
                   when=when if when in ("upcoming", "past") else "",
                   status=status if status in MeetingStatus.values else "")


def meeting_list(filters: MeetingFilters) -> QuerySet[Meeting]:
    rows = Meeting.objects.all()
    now = timezone.now()
    if filters.kind:
        rows = rows.filter(kind_id=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.when == "upcoming":
        rows = rows.filter(starts_at__gte=now).order_by("starts_at", "pk")
    elif filters.when == "past":
        rows = rows.filter(starts_at__lt=now)
    return _related(rows)


def meeting_page(pk: int) -> Meeting:
    return get_object_or_404(_related(Meeting.objects.all()), pk=pk)


def load_meeting(request: Any, pk: int, **_kwargs: Any) -> Meeting:
    return meeting_page(pk)


def published_opinions(meeting: Meeting) -> list[Opinion]:
    return list(meeting.opinions.filter(status="published").select_related("category").order_by("pk"))


def all_opinions(meeting: Meeting) -> list[Opinion]:
    return list(meeting.opinions.select_related("category", "community").order_by("pk"))


def feed() -> QuerySet[Meeting]:
    """The meetings of the iCal feed: from about a year ago on, cancelled ones included (as cancelled)."""
    since = timezone.now() - dt.timedelta(days=FEED_DAYS_BACK)
    return Meeting.objects.filter(starts_at__gte=since).select_related("kind", "place_district").order_by(
        "starts_at", "pk")[:1000]
