"""Which opportunities a user manages: the ones whose sign-ups (personal data) they may see.

City administrators: every opportunity. Branch staff: those of the communities in their branch. A
community's secretariat and officers: their own community's. Sign-ups follow their opportunity.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.accounts.roles import Role
from kyodo.participation.models import Opportunity, Signup
from kyodo.scopes import EVERYTHING, NOTHING, Scope


def managed_filter(user: Any, *, via: str = "") -> Q:
    """The opportunities ``user`` manages, as a filter on the model reaching the opportunity through ``via``."""
    if user.is_city_admin:
        return EVERYTHING
    prefix = f"{via}__" if via else ""
    condition = NOTHING
    if user.role == Role.BRANCH_STAFF and user.branch_office_id is not None:
        condition |= Q(**{f"{prefix}community__district__branch_office_id": user.branch_office_id})
    if user.is_community_member:
        condition |= Q(**{f"{prefix}community_id": user.community_id})
    return condition


def signup_filter(user: Any) -> Q:
    return managed_filter(user, via="opportunity")


MANAGED = Scope(Opportunity, managed_filter, name="opportunities_managed")
SIGNUPS = Scope(Signup, signup_filter, name="opportunity_signups")
