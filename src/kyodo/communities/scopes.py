"""Which communities a user works on: one filter, used by the lists and by the rules predicates.

``internal_filter`` is the scope of a community's internal data (its staff page, officers' names,
grant applications): the city administrators see every community, branch staff their branch's,
a community's secretariat and officers their own, and any city employee the communities they are
the liaison of (measure 14) — on top of what their role gives them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.accounts.roles import Role
from kyodo.communities.models import Community
from kyodo.scopes import EVERYTHING, NOTHING, Scope


def _liaison_communities(user: Any) -> Any:
    from kyodo.support.models import LiaisonAssignment

    return LiaisonAssignment.objects.active().filter(staff=user).values("community_id")


def internal_filter(user: Any, *, via: str = "") -> Q:
    """The communities whose internal data ``user`` sees, as a filter on the model that reaches the
    community through ``via`` (e.g. ``"community"`` for a grant application; "" for Community)."""
    if user.is_city_admin:
        return EVERYTHING
    prefix = f"{via}__" if via else ""
    own = f"{via}_id" if via else "pk"
    condition = NOTHING
    if user.role == Role.BRANCH_STAFF and user.branch_office_id is not None:
        condition |= Q(**{f"{prefix}district__branch_office_id": user.branch_office_id})
    if user.is_community_member:
        condition |= Q(**{own: user.community_id})
    if user.is_city_staff:
        condition |= Q(**{f"{own}__in": _liaison_communities(user)})
    return condition


def followed_filter(user: Any) -> Q:
    """The communities that are the user's work: the internal scope, and every community for the
    support centre's advisors (who follow all of them but see only what is public)."""
    if user.role == Role.ADVISOR:
        return EVERYTHING
    return internal_filter(user)


INTERNAL = Scope(Community, internal_filter, name="community_internal")
FOLLOWED = Scope(Community, followed_filter, name="communities_followed")
