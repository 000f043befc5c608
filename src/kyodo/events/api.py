"""/api/v1/events: the public calendar (events and their free places) and the organisers' actions.

Public operations show public facts only. The organisers' operations are scoped like their pages:
their events, an event's participants (each read logged, like the page) and the workflow's steps.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from kyodo.access import api_public, api_require_perm
from kyodo.api_paging import paginated
from kyodo.audit.services import record_event
from kyodo.events import queries
from kyodo.events.models import Event, EventSession, Registration
from kyodo.events.publishing import EVENT_WORKFLOW

router = Router(tags=["events"])
staff = Router(auth=django_auth)


class EventOut(Schema):
    id: int
    title: str
    kind: str = Field(alias="kind.name")
    kind_slug: str = Field(alias="kind.slug")
    organiser: str = Field(alias="organiser_label")
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    address: str
    audience: str
    status: str
    capacity: int
    places_left: int
    registration_opens_at: dt.datetime
    registration_closes_at: dt.datetime
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")


class SessionOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    note: str


class EventDetailOut(EventOut):
    description: str
    materials: str
    contact: str
    sessions: list[SessionOut] = Field(description="its dates, when held on several (empty: once, at starts_at)")

    @staticmethod
    def resolve_sessions(event: Event) -> list[EventSession]:
        return list(event.sessions.all())


class EventFilters(Schema):
    q: str = Field("", max_length=100, description="part of the title or place (width and kana folded)")
    kind: str = Field("", max_length=40, description="kind slug")
    community: str = Field("", max_length=60, description="slug of the organising community")


@router.get("", response=list[EventOut], summary="研修会・交流会の一覧 / Upcoming events")
@paginated
@api_public
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> QuerySet[Event]:
    """Published, closed and cancelled events that have not ended, soonest first."""
    return queries.public_events(kind_slug=filters.kind.strip(), text=filters.q.strip(),
                                 community_slug=filters.community.strip())


@router.get("/{event_id}", response=EventDetailOut, summary="研修会・交流会 / One event")
@api_public
def get_event(request: HttpRequest, event_id: int) -> Event:
    return queries.public_event(event_id)


class OrganisedOut(EventOut):
    confirmed: int
    waiting: int
    version: int


class ParticipantOut(Schema):
    id: int
    name: str
    name_kana: str
    contact: str
    age_band: str
    community: str | None = Field(None, alias="community.name")
    channel: str
    status: str
    attended_at: dt.datetime | None


class StepIn(Schema):
    version: int = Field(ge=1)
    comment: str = Field("", max_length=1000)


def organised_event(request: HttpRequest, event_id: int) -> Event:
    return queries.managed_event(request, event_id)


@staff.get("/staff/events", response=list[OrganisedOut], summary="主催する催し / The caller's events")
@paginated
@api_require_perm("events.list_events")
def list_organised(request: HttpRequest) -> QuerySet[Event]:
    return queries.organised_events(request.user)


@staff.get("/staff/events/{event_id}/participants", response=list[ParticipantOut],
           summary="申込者 / An event's participants (logged)")
@api_require_perm("events.manage_event", load=organised_event)
def list_participants(request: HttpRequest, event: Event) -> list[Registration]:
    registrations = queries.registrations(event)
    with transaction.atomic():
        record_event("event.participants_viewed", actor=request.user, target=event, summary=event.title,
                     data={"count": len(registrations), "page": "api"})
    return registrations


def _step(name: str) -> None:
    action = EVENT_WORKFLOW.action(name)

    @staff.post(f"/staff/events/{{event_id}}/{action.slug}", response=OrganisedOut,
                summary=f"{action.label} / {name}")
    @api_require_perm(action.permission, load=organised_event)
    def step(request: HttpRequest, event: Event, payload: StepIn) -> Event:
        EVENT_WORKFLOW.service_for(name)(event, actor=request.user, version=payload.version, comment=payload.comment)
        return queries.managed_event(request, event.pk)

    step.__name__ = f"{name}_event"


for _name in EVENT_WORKFLOW.actions:
    _step(_name)

router.add_router("", staff)
