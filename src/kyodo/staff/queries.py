"""What each role sees first in the work area."""

from __future__ import annotations

from typing import Any

from kyodo.accounts.roles import Role
from kyodo.communities.queries import communities_in_scope, internally_viewable
from kyodo.plans.models import Measure


def workspace_for(user: Any) -> dict[str, Any]:
    """The communities and measures that are this user's, by role."""
    context: dict[str, Any] = {"role": user.role}
    context["communities"] = list(communities_in_scope(user).select_related("district__branch_office")[:50])
    # Advisors follow every community but open only the public pages.
    context["internal_ids"] = set(internally_viewable(user).values_list("pk", flat=True))
    if user.role == Role.DEPARTMENT_STAFF:
        context["measures"] = list(
            Measure.objects.filter(department_id=user.department_id, policy__plan__is_current=True)
            .select_related("policy")
        )
    return context
