"""An event's dates: adding one turns a single-date event into one with sessions; removing one keeps at
least one. The event's ``starts_at``/``ends_at`` follow the span of its sessions. Each change claims the
event's version and is an audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.events.models import Event, EventSession, EventStatus
from kyodo.locking import claim_version

MAX_SESSIONS = 20


def _check(event: Event, actor: Any) -> None:
    if not actor.has_perm("events.manage_event", event):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("中止した催しの日程は変更できません。"))


def _follow_span(event: Event) -> None:
    span = event.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    if span["first"] is not None:
        event.starts_at, event.ends_at = span["first"], span["last"]
    event.save(update_fields=["starts_at", "ends_at", "version", "updated_at"])


def add_session(event: Event, *, actor: Any, version: int, starts_at: dt.datetime, ends_at: dt.datetime,
                place: str = "", note: str = "") -> EventSession:
    _check(event, actor)
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("終了日時は開始日時より後にしてください。")})
    if starts_at < event.registration_closes_at:
        raise ValidationError({"starts_at": _("日程は申込みの締切より後にしてください。")})
    with transaction.atomic():
        claim_version(event, version)
        if not event.sessions.exists():  # the event's own date becomes its first session
            EventSession.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
        if event.sessions.count() >= MAX_SESSIONS:
            raise ValidationError(_("日程は%(count)s回までです。") % {"count": MAX_SESSIONS})
        session = EventSession.objects.create(event=event, starts_at=starts_at, ends_at=ends_at, place=place, note=note)
        _follow_span(event)
        record_event("event.session_add", actor=actor, target=event, summary=event.title,
                     data={"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()})
    return session


def remove_session(session: EventSession, *, actor: Any, version: int) -> Event:
    event = session.event
    _check(event, actor)
    with transaction.atomic():
        claim_version(event, version)
        if event.sessions.count() <= 1:
            raise ValidationError(_("最後の日程は削除できません。"))
        session.delete()
        _follow_span(event)
        record_event("event.session_remove", actor=actor, target=event, summary=event.title,
                     data={"starts_at": session.starts_at.isoformat()})
    return event


def dates(event: Event) -> list[tuple[dt.datetime, dt.datetime, str, str]]:
    """(start, end, place, note) of each date: its sessions (prefetched or not), or the event itself."""
    sessions = list(event.sessions.all())
    if not sessions:
        return [(event.starts_at, event.ends_at, event.place, "")]
    return [(s.starts_at, s.ends_at, s.place or event.place, s.note) for s in sessions]
