"""Which opinions a user sees before they are published (published ones are public at /opinions/).

The city administrators see every opinion; branch staff those of their branch's districts; a community's
secretariat and officers their community's; a liaison the opinions of the communities they follow; a
department's staff the opinions routed to their department.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.accounts.roles import Role
from kyodo.dialogue.models import Opinion
from kyodo.scopes import EVERYTHING, NOTHING, Scope


def opinion_filter(user: Any) -> Q:
    if user.is_city_admin:
        return EVERYTHING
    condition = NOTHING
    if user.role == Role.BRANCH_STAFF and user.branch_office_id is not None:
        condition |= Q(district__branch_office_id=user.branch_office_id)
    if user.is_community_member:
        condition |= Q(community_id=user.community_id)
    if user.is_city_staff:
        from kyodo.support.models import LiaisonAssignment

        condition |= Q(community_id__in=LiaisonAssignment.objects.active().filter(staff=user).values("community_id"))
    if user.role == Role.DEPARTMENT_STAFF and user.department_id is not None:
        routed = Opinion.departments.through.objects.filter(department_id=user.department_id)
        condition |= Q(pk__in=routed.values("opinion_id"))
    return condition


OPINIONS = Scope(Opinion, opinion_filter, name="opinions")
