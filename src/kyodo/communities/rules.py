"""Who may see and change a community body's data."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.roles import Role
from kyodo.accounts.rules import has_role, is_city_admin
from kyodo.communities.scopes import INTERNAL


@rules.predicate
def is_own_community(user: Any, community: Any) -> bool:
    """The user is the secretariat or an officer of this community."""
    return bool(getattr(user, "is_community_member", False)) and user.community_id == community.pk


@rules.predicate
def is_branch_of_community(user: Any, community: Any) -> bool:
    """Branch staff of the branch office the community's district belongs to."""
    return (
        getattr(user, "is_active", False)
        and user.role == Role.BRANCH_STAFF
        and user.branch_office_id == community.district.branch_office_id
    )


# Seeing a community's internal data is its scope (kyodo.communities.scopes.INTERNAL): the lists
# filter by the same condition, so "may see" and "is listed" cannot disagree.
sees_community = INTERNAL.predicate()
can_change_community = is_city_admin | is_branch_of_community | is_own_community

rules.add_perm("communities.view_community_internal", sees_community)
rules.add_perm("communities.edit_community", can_change_community)
# Name, status and founding date are the city's record of the community, not its own profile.
rules.add_perm("communities.change_community_standing", is_city_admin | is_branch_of_community)
rules.add_perm("communities.list_communities_in_scope", has_role)
rules.add_perm("communities.manage_structure", is_city_admin)
