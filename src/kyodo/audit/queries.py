"""Reading the audit log for the staff pages: who sees which events, and the list's filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest
from django.db.models import Max, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kyodo.audit.labels import action_label, object_type_label
from kyodo.audit.models import AuditEvent
from kyodo.text_input import CONTROL

# Account administrators (情報システム担当) see the account events only.
ACCOUNT_OBJECT_TYPE = "accounts.user"
ACCOUNT_EVENTS = Q(action__startswith="account.") | Q(object_type=ACCOUNT_OBJECT_TYPE)
TEXT_LIMIT = 100


def visible_events(user: Any) -> QuerySet[AuditEvent]:
    """The events ``user`` may read: all for city administrators, account events for account administrators."""
    events = AuditEvent.objects.all()
    if getattr(user, "is_city_admin", False):
        return events
    if getattr(user, "is_account_admin", False):
        return events.filter(ACCOUNT_EVENTS)
    return events.none()


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    text = (params.get(name) or "").strip()
    if not text:
        return None
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or not 1989 <= value.year <= 2100:
        raise BadRequest(f"query parameter {name!r} is not a date (YYYY-MM-DD, 1989–2100)")
    return value


def _text(params: Mapping[str, str], name: str, limit: int = TEXT_LIMIT) -> str:
    # Control characters cannot be typed; a NUL would be refused by PostgreSQL (a 500) and match all on SQLite.
    return CONTROL.sub("", params.get(name) or "").strip()[:limit]


@dataclass(frozen=True)
class EventFilters:
    """The list's filters, read from the query string."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    actor: str = ""
    text: str = ""

    @classmethod
    def of(cls, params: Mapping[str, str]) -> EventFilters:
        """The filters in ``params`` (``request.GET``); BadRequest (the 400 page, in Japanese) for a bad date."""
        date_from, date_to = _date(params, "from"), _date(params, "to")
        if date_from and date_to and date_from > date_to:
            raise BadRequest("the date range starts after it ends")
        return cls(
            date_from=date_from, date_to=date_to, action=_text(params, "action"),
            object_type=_text(params, "object_type"), object_id=_text(params, "object_id", 64),
            actor=_text(params, "actor"), text=_text(params, "q"),
        )

    @property
    def is_empty(self) -> bool:
        return self == EventFilters()

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if self.date_from or self.date_to:
            events = self._in_period(events)
        if self.action:
            events = events.filter(action=self.action)
        if self.object_type:
            events = events.filter(object_type=self.object_type)
        if self.object_id:
            events = events.filter(object_id=self.object_id)
        if self.actor:
            # The user name the log keeps, or the person's name while the account exists.
            named = get_user_model()._default_manager.filter(display_name__icontains=self.actor).values("pk")
            events = events.filter(Q(actor_label__icontains=self.actor) | Q(actor_id__in=named))
        if self.text:
            events = events.filter(summary__icontains=self.text)
        return events


    def _in_period(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        zone = timezone.get_current_timezone()
        period = Q()
        if self.date_from:
            period &= Q(occurred_at__gte=dt.datetime.combine(self.date_from, dt.time.min, zone))
        if self.date_to:
            period &= Q(occurred_at__lt=dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, zone))
        # The list walks the sequence index newest first; a period long ago would make it read every newer row
        # on the way. The period's first and last sequence numbers (an index-only scan of (occurred_at,
        # sequence)) bound that walk; the period's own condition stays, so the result is exact.
        bounds = AuditEvent.objects.filter(period).aggregate(first=Min("sequence"), last=Max("sequence"))
        if bounds["first"] is None:
            return events.none()
        return events.filter(period, sequence__gte=bounds["first"], sequence__lte=bounds["last"])


def event_list(user: Any, filters: EventFilters) -> QuerySet[AuditEvent]:
    """The events ``user`` may read that match ``filters``, newest first."""
    return filters.apply(visible_events(user)).order_by("-sequence")


def action_choices(user: Any) -> list[tuple[str, str]]:
    """(code, label) of the actions present in what ``user`` may read, by label."""
    codes = visible_events(user).order_by().values_list("action", flat=True).distinct()
    return sorted(((code, action_label(code)) for code in codes), key=lambda choice: choice[1])


def object_type_choices(user: Any) -> list[tuple[str, str]]:
    """(code, label) of the object types present in what ``user`` may read, by label."""
    codes = visible_events(user).exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
    return sorted(((code, object_type_label(code)) for code in codes), key=lambda choice: choice[1])


def actor_names(events: list[AuditEvent]) -> dict[int, str]:
    """{actor id: the person's name} for the events' actors whose accounts still exist: one query."""
    ids = {event.actor_id for event in events if event.actor_id is not None}
    if not ids:
        return {}
    users = get_user_model()._default_manager.filter(pk__in=ids).exclude(display_name="")
    return dict(users.values_list("pk", "display_name"))


def visible_event(user: Any, sequence: int) -> AuditEvent:
    """The event numbered ``sequence`` if ``user`` may read it; Http404 otherwise."""
    event = visible_events(user).filter(sequence=sequence).first()
    if event is None:
        raise Http404
    return event
