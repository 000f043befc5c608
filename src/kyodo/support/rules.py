"""Who may see and do the city's support work on a community (measure 14)."""

from __future__ import annotations

import rules

from kyodo.accounts.rules import is_branch_staff, is_city_admin
from kyodo.communities.rules import is_branch_of_community
from kyodo.support.scopes import SUPPORTED

sees_support = SUPPORTED.predicate()


# A community's support page (liaison history and contact log): the city, its branch, its liaison.
rules.add_perm("support.view_community_support", sees_support)
# Logging a contact and closing a follow-up: whoever sees the page.
rules.add_perm("support.log_contact", sees_support)
# Placing and rotating liaisons: the city's coordination division and the community's branch.
rules.add_perm("support.assign_liaison", is_city_admin | is_branch_of_community)
# The coverage list: the city and branch staff (scoped to their branch's communities in SQL).
rules.add_perm("support.view_coverage", is_city_admin | is_branch_staff)
