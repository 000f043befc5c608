"""Where an audit event's object lives on the staff pages: a link per object type.

A page of events names objects of a few types; each type's links are made with at most one query
(a slug or a parent's number looked up for the whole page), so the page's query count depends on the
types listed here, never on the number of events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse

# object type → a function from object ids to {id: url}
Linker = Callable[[set[str]], dict[str, str]]


def _by_pk(url_name: str) -> Linker:
    def links(ids: set[str]) -> dict[str, str]:
        found = {}
        for object_id in ids:
            if object_id.isdigit():
                try:
                    found[object_id] = reverse(url_name, args=[int(object_id)])
                except NoReverseMatch:
                    continue
        return found

    return links


def _int_ids(ids: set[str]) -> list[int]:
    return [int(object_id) for object_id in ids if object_id.isdigit() and len(object_id) < 19]


def _communities(ids: set[str]) -> dict[str, str]:
    community = apps.get_model("communities", "Community")
    rows = community.objects.filter(pk__in=_int_ids(ids)).values_list("pk", "slug")
    return {str(pk): reverse("communities_staff:community", args=[slug]) for pk, slug in rows}


def _measures(ids: set[str]) -> dict[str, str]:
    measure = apps.get_model("plans", "Measure")
    rows = measure.objects.filter(pk__in=_int_ids(ids)).values_list("pk", "policy__plan__number", "number")
    return {str(pk): reverse("plans_staff:measure-edit", args=[plan, number]) for pk, plan, number in rows}


LINKERS: dict[str, Linker] = {
    "grants.application": _by_pk("grants_staff:application-detail"),
    "events.event": _by_pk("events_staff:event"),
    "participation.opportunity": _by_pk("participation_staff:opportunity"),
    "dialogue.opinion": _by_pk("dialogue_staff:opinion-detail"),
    "dialogue.meeting": _by_pk("dialogue_staff:meeting-detail"),
    "support.dispatchrequest": _by_pk("support_staff:dispatch-detail"),
    "practice.practicereport": _by_pk("practice_staff:report"),
    "communities.community": _communities,
    "plans.measure": _measures,
    "accounts.user": _by_pk("accounts_staff:account"),
}


def target_links(events: Iterable[Any]) -> dict[tuple[str, str], str]:
    """{(object_type, object_id): staff URL} for the events' objects that have a staff page."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.object_type in LINKERS and event.object_id:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    links = {}
    for object_type, ids in wanted.items():
        for object_id, url in LINKERS[object_type](ids).items():
            links[object_type, object_id] = url
    return links
