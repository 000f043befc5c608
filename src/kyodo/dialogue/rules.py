"""Who may record, route, answer, review and publish opinions, and see the city's overview."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.rules import is_city_admin, is_city_staff, is_community_member, is_department_staff
from kyodo.communities.rules import is_branch_of_community, is_own_community
from kyodo.dialogue.scopes import OPINIONS


@rules.predicate
def is_routed_department(user: Any, opinion: Any) -> bool:
    """Staff of a department the opinion was routed to."""
    return (
        opinion is not None and user.department_id is not None
        and opinion.departments.filter(pk=user.department_id).exists()
    )


# Seeing an unpublished opinion is its scope (kyodo.dialogue.scopes.OPINIONS), as the lists are.
rules.add_perm("dialogue.see_opinion", OPINIONS.predicate())
rules.add_perm("dialogue.list_opinions", is_city_staff | is_community_member)
# Recording an opinion of a community: the city, the community's branch, the community itself.
rules.add_perm("dialogue.record_opinion", is_city_admin | is_branch_of_community | is_own_community)
rules.add_perm("dialogue.route_opinion", is_city_admin)
rules.add_perm("dialogue.answer_opinion", is_department_staff & is_routed_department)
rules.add_perm("dialogue.review_opinion", is_city_admin)
rules.add_perm("dialogue.view_overview", is_city_admin)
rules.add_perm("dialogue.manage_categories", is_city_admin)
