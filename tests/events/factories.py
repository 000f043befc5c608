"""Events in any state for the tests, and registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kyodo.events.models import Audience, Event, EventKind, EventStatus, Organiser, Registration
from tests.factories import UserFactory


def kind(slug: str = "awareness") -> EventKind:
    found, _ = EventKind.objects.get_or_create(
        slug=slug, defaults={"name": f"啓発研修会 {slug}", "category": "awareness"}
    )
    return found


def _creator() -> Any:
    from kyodo.accounts.models import User

    return User.objects.filter(role="city_admin").first() or UserFactory(role="city_admin")


def make_event(community: Any = None, *, status: str = EventStatus.PUBLISHED, capacity: int = 10,
               audience: str = Audience.PUBLIC, days_ahead: int = 14, title: str = "協働のまちづくり講演会",
               **fields: Any) -> Event:
    """An event of ``community`` (or the city's), its registration open now."""
    now = timezone.now()
    starts_at = now + dt.timedelta(days=days_ahead)
    values: dict[str, Any] = {
        "kind": kind(), "title": title, "place": "一関市役所 大会議室", "capacity": capacity,
        "starts_at": starts_at, "ends_at": starts_at + dt.timedelta(hours=2),
        "registration_opens_at": now - dt.timedelta(days=1),
        "registration_closes_at": starts_at - dt.timedelta(hours=1) if days_ahead > 0 else now + dt.timedelta(days=1),
        "audience": audience, "status": status, "created_by": _creator(),
        "organiser": Organiser.COMMUNITY if community is not None else Organiser.CITY,
        "organiser_community": community,
    }
    if days_ahead <= 0:
        values["registration_opens_at"] = starts_at - dt.timedelta(days=10)
        values["registration_closes_at"] = starts_at - dt.timedelta(days=1)
    values.update(fields)
    return Event.objects.create(**values)


def person(number: int = 1, **fields: Any) -> dict[str, Any]:
    return {"name": f"一関 太郎{number}", "name_kana": f"いちのせき たろう{number}",
            "contact": f"0191-21-{2000 + number}", "age_band": "20s", **fields}


def make_registration(event: Event, number: int = 1, **fields: Any) -> Registration:
    from kyodo.events import registering

    return registering.register(event, **person(number, **fields))
