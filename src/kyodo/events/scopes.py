"""Which events a user organises: the events whose participants they may see and manage.

City administrators: every event. Branch staff: the events of their branch and of the communities in
it. A community's secretariat and officers: their community's events. The support centre's advisors:
the centre's events. Registrations follow their event.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.accounts.roles import Role
from kyodo.events.models import Event, Organiser, Registration
from kyodo.scopes import EVERYTHING, NOTHING, Scope


def organised_filter(user: Any, *, via: str = "") -> Q:
    """The events ``user`` organises, as a filter on the model reaching the event through ``via``."""
    if user.is_city_admin:
        return EVERYTHING
    prefix = f"{via}__" if via else ""
    condition = NOTHING
    if user.role == Role.BRANCH_STAFF and user.branch_office_id is not None:
        condition |= Q(**{
            f"{prefix}organiser": Organiser.BRANCH, f"{prefix}organiser_branch_id": user.branch_office_id,
        })
        condition |= Q(**{
            f"{prefix}organiser": Organiser.COMMUNITY,
            f"{prefix}organiser_community__district__branch_office_id": user.branch_office_id,
        })
    if user.is_community_member:
        condition |= Q(**{
            f"{prefix}organiser": Organiser.COMMUNITY, f"{prefix}organiser_community_id": user.community_id,
        })
    if user.role == Role.ADVISOR:
        condition |= Q(**{f"{prefix}organiser": Organiser.CENTRE})
    return condition


def registration_filter(user: Any) -> Q:
    return organised_filter(user, via="event")


ORGANISED = Scope(Event, organised_filter, name="events_organised")
REGISTRATIONS = Scope(Registration, registration_filter, name="event_registrations")
