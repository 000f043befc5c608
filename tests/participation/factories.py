"""Opportunities in any state for the tests, and sign-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kyodo.participation.models import Opportunity, OpportunityStatus, Signup
from tests.factories import UserFactory


def _creator() -> Any:
    from kyodo.accounts.models import User

    return User.objects.filter(role="city_admin").first() or UserFactory(role="city_admin")


def make_opportunity(community: Any, *, status: str = OpportunityStatus.PUBLISHED, capacity: int = 10,
                     days_ahead: int = 14, title: str = "河川敷の清掃活動", **fields: Any) -> Opportunity:
    """An opportunity of ``community``, its sign-up window open now (closed for one already held)."""
    now = timezone.now()
    starts_at = now + dt.timedelta(days=days_ahead)
    values: dict[str, Any] = {
        "community": community, "title": title, "place": "市民センター前", "capacity": capacity,
        "starts_at": starts_at, "ends_at": starts_at + dt.timedelta(hours=3),
        "signup_opens_at": now - dt.timedelta(days=1), "signup_closes_at": starts_at - dt.timedelta(hours=1),
        "status": status, "created_by": _creator(),
    }
    if days_ahead <= 0:
        values["signup_opens_at"] = starts_at - dt.timedelta(days=10)
        values["signup_closes_at"] = starts_at - dt.timedelta(days=1)
    values.update(fields)
    return Opportunity.objects.create(**values)


def volunteer(number: int = 1, **fields: Any) -> dict[str, Any]:
    return {"name": f"一関 花子{number}", "contact": f"0191-22-{3000 + number}", "age_band": "20s", **fields}


def make_signup(opportunity: Opportunity, number: int = 1, **fields: Any) -> Signup:
    from kyodo.participation.signing_up import sign_up

    return sign_up(opportunity, **volunteer(number, **fields))
