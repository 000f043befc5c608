"""Who may call each /api/v1/events operation: the calendar is public; the organisers' operations
follow events.list_events and events.manage_event, like the pages."""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_EDITORS_OWN, Case
from tests.events.access_matrix import ORGANISERS
from tests.events.factories import make_event


def _event(status="published"):
    def kwargs(world, which):
        return {"event_id": make_event(world.community(which), status=status).pk}

    return kwargs


def _version(world, which):
    return {"version": 1}


def _step(slug, status):
    return Case(f"POST /api/v1/events/staff/events/{{event_id}}/{slug}", own=COMMUNITY_EDITORS_OWN, other=CITY,
                kwargs=_event(status), data=_version)


CASES = [
    Case("GET /api/v1/events", own=ALL),
    Case("GET /api/v1/events/{event_id}", own=ALL, other=ALL, kwargs=_event()),
    Case("GET /api/v1/events/staff/events", own=ORGANISERS),
    Case("GET /api/v1/events/staff/events/{event_id}/participants", own=COMMUNITY_EDITORS_OWN, other=CITY,
         kwargs=_event()),
    _step("publish", "draft"),
    _step("close", "published"),
    _step("reopen", "closed"),
    _step("cancel", "published"),
]
