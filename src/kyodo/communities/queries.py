"""Read side of communities: what each user may see, and the public directory."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kyodo.accounts.roles import Role
from kyodo.communities.models import Community


def communities_in_scope(user: Any) -> QuerySet[Community]:
    """The communities that are this user's work: all for the city and the support centre,
    the branch's for branch staff, the assigned ones for liaisons, its own for a community."""
    communities = Community.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return communities.none()
    if user.is_city_admin or user.role == Role.ADVISOR:
        return communities
    if user.role == Role.BRANCH_STAFF:
        return communities.filter(district__branch_office_id=user.branch_office_id)
    if user.is_community_member:
        return communities.filter(pk=user.community_id)
    if user.is_city_staff:
        # Liaison duty can be held by any city employee (measure 14).
        return communities.filter(
            liaison_assignments__in=user.liaison_assignments.active()
        ).distinct()
    return communities.none()
