"""Reads: the public calendar, an event's page, the organisers' lists. Counts are annotated, never looped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyodo.events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from kyodo.events.scopes import ORGANISED
from kyodo.text_search import normalize_for_search

R = RegistrationStatus


def with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("kind", "organiser_branch", "organiser_community").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=R.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=R.WAITING)),
    )


def public_events(*, kind_slug: str = "", text: str = "", upcoming: bool = True,
                  community_slug: str = "") -> QuerySet[Event]:
    """The public calendar: published (and closed or cancelled) events, upcoming first."""
    events = Event.objects.listed()
    if kind_slug:
        events = events.filter(kind__slug=kind_slug)
    if community_slug:
        events = events.filter(organiser_community__slug=community_slug)
    if upcoming:
        events = events.filter(ends_at__gte=timezone.now() - dt.timedelta(days=1)).order_by("starts_at", "pk")
    else:
        events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")
    if text:
        events = events.search(text)
    return with_counts(events)


def public_event(pk: int) -> Event:
    event: Event = get_object_or_404(with_counts(Event.objects.listed()), pk=pk)
    return event


def kinds() -> list[EventKind]:
    return list(EventKind.objects.all())


def organised_events(user: Any, *, status: str = "", text: str = "") -> QuerySet[Event]:
    events = ORGANISED.queryset(user, Event.objects.all())
    if status:
        events = events.filter(status=status)
    needle = normalize_for_search(text)
    if needle:
        events = events.filter(search_text__contains=needle)
    return with_counts(events).order_by("-starts_at", "-pk")


def managed_event(request: Any, pk: int, **_kwargs: Any) -> Event:
    """An event by its number, for the organisers' pages (404 when unknown; the permission decides 403)."""
    event: Event = get_object_or_404(with_counts(Event.objects.all()), pk=pk)
    return event


def registrations(event: Event) -> list[Registration]:
    return list(
        event.registrations.exclude(status=R.CANCELLED).select_related("community").order_by("status", "registered_at")
    )


def upcoming_count(user: Any) -> int:
    return ORGANISED.queryset(user).filter(
        status__in=[EventStatus.DRAFT, EventStatus.PUBLISHED], ends_at__gte=timezone.now()
    ).count()
