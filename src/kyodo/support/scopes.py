"""Who sees the city's support work on a community: its liaison, its branch and the city.

The contact log is the city's own record (notes on people and disputes may be in it): a community's
members do not see it, and neither does the support centre. Everything is reached through the community.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.communities.models import Community
from kyodo.communities.scopes import internal_filter
from kyodo.scopes import NOTHING, Scope
from kyodo.support.models import Contact, LiaisonAssignment


def city_filter(user: Any, *, via: str = "") -> Q:
    """The communities whose support records ``user`` sees: the internal scope, for city staff only."""
    if not getattr(user, "is_city_staff", False):
        return NOTHING
    return internal_filter(user, via=via)


SUPPORTED = Scope(Community, city_filter, name="supported_communities")
CONTACTS = Scope(Contact, lambda user: city_filter(user, via="community"), name="support_contacts")
ASSIGNMENTS = Scope(LiaisonAssignment, lambda user: city_filter(user, via="community"), name="liaison_assignments")
