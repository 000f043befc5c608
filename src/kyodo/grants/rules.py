"""Who may see and change subsidy rules, simulations and applications."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.rules import is_branch_staff, is_city_admin, is_city_staff, is_community_member
from kyodo.communities.rules import is_branch_of_community, is_own_community, sees_community
from kyodo.grants.scopes import APPLICATIONS

rules.add_perm("grants.view_grants", is_city_admin | is_branch_staff)
rules.add_perm("grants.manage_rules", is_city_admin)
rules.add_perm("grants.simulate", is_city_admin)


def _community(obj: Any) -> Any:
    """An application's community, or the community itself (creating an application)."""
    return getattr(obj, "community", obj)


@rules.predicate
def is_applicant(user: Any, obj: Any) -> bool:
    """The secretariat or an officer of the applying community."""
    return obj is not None and is_own_community(user, _community(obj))


@rules.predicate
def is_reviewer_of(user: Any, obj: Any) -> bool:
    """Branch staff of the applying community's branch."""
    return obj is not None and is_branch_of_community(user, _community(obj))


# Seeing an application is its scope (kyodo.grants.scopes.APPLICATIONS), as the lists are.
rules.add_perm("grants.see_application", APPLICATIONS.predicate())
rules.add_perm("grants.prepare_application", is_applicant)
rules.add_perm("grants.review_application", is_city_admin | is_reviewer_of)
rules.add_perm("grants.decide_application", is_city_admin)
# The application list is scoped in SQL; anyone who could see some application may open it.
rules.add_perm("grants.list_applications", is_city_staff | is_community_member)
# A community's grant history: whoever sees its internal data.
rules.add_perm("grants.view_community_history", sees_community)
