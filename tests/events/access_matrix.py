"""Who may use each events URL.

Public: the calendar, an event's page, registering, and a registration's own page and cancellation
by its link (the token is the key). Organisers (events.manage_event) of a community's event: the city,
the community's branch, its secretariat and officers; of the other community's event: the city only.
"""

from __future__ import annotations

import datetime as dt

from tests.access import ALL, CITY, COMMUNITY_EDITORS_OWN, Case
from tests.events.factories import make_event, make_registration

PARTICIPATION = frozenset({"city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat",
                           "community_officer"})
ORGANISERS = frozenset({"city_admin", "branch_staff", "community_secretariat", "community_officer", "advisor"})


def _event(status="published"):
    def kwargs(world, which):
        return {"pk": make_event(world.community(which), status=status).pk}

    return kwargs


def _token(world, which):
    return {"token": make_registration(make_event(world.community(which)), 1).token}


def _registration(world, which):
    registration = make_registration(make_event(world.community(which)), 1)
    return {"pk": registration.event_id, "registration_pk": registration.pk}


def _kind(world, which):
    from tests.events.factories import kind

    return {"kind_pk": kind().pk}


def _version(prefix):
    def data(world, which):
        return {f"{prefix}-version": "1"}

    return data


def _action(name, status):
    return Case(f"events_staff:event-{name}", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event(status),
                method="post", data=_version(name), ok_status=(302,))


def _session(world, which):
    from kyodo.events.models import EventSession

    event = make_event(world.community(which))
    first = EventSession.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    EventSession.objects.create(event=event, starts_at=first.starts_at + dt.timedelta(days=7),
                           ends_at=first.ends_at + dt.timedelta(days=7))
    return {"pk": event.pk, "session_pk": first.pk}


CASES = [
    Case("events_staff:session-add", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event()),
    Case("events_staff:session-remove", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_session, method="post",
         data=lambda world, which: {"version": "1"}, ok_status=(302,)),
    Case("events:list", own=ALL),
    Case("events:ical", own=ALL),
    Case("events:open-data", own=ALL),
    Case("events:detail", own=ALL, other=ALL, kwargs=_event()),
    Case("events:register", own=ALL, other=ALL, kwargs=_event()),
    Case("events:registered", own=ALL, other=ALL, kwargs=_token),
    Case("events:cancel", own=ALL, other=ALL, kwargs=_token),
    Case("events_staff:index", own=ORGANISERS),
    Case("events_staff:event-create", own=ORGANISERS),
    Case("events_staff:event", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event()),
    Case("events_staff:event-edit", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event()),
    Case("events_staff:event-register", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event()),
    Case("events_staff:registration-cancel", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_registration,
         method="post", ok_status=(302,)),
    _action("publish", "draft"),
    _action("close", "published"),
    _action("reopen", "closed"),
    _action("cancel", "published"),
    Case("events_staff:attendance", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event()),
    Case("events_staff:checkin", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_event()),
    Case("events_staff:checkin-mark", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_registration,
         method="post", ok_status=(302,)),
    Case("events_staff:participation", own=PARTICIPATION),
    Case("events_staff:history", own=CITY),
    Case("events_staff:kinds", own=CITY),
    Case("events_staff:kind-create", own=CITY),
    Case("events_staff:kind-edit", own=CITY, kwargs=_kind),
]
