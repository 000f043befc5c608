"""Who may post volunteer opportunities and see who signed up."""

from __future__ import annotations

import rules

from kyodo.accounts.rules import is_branch_staff, is_city_admin, is_city_staff, is_community_member
from kyodo.participation.scopes import MANAGED, SIGNUPS

# Posting an opportunity: a community (its secretariat or officers), its branch, or the city for it.
rules.add_perm("participation.create_opportunity", is_city_admin | is_branch_staff | is_community_member)
# The list of one's own opportunities is scoped in SQL; whoever may post one may open it.
rules.add_perm("participation.list_opportunities", is_city_admin | is_branch_staff | is_community_member)
# An opportunity's edits, its steps, its sign-ups and attendance: those who manage it (the scope MANAGED).
rules.add_perm("participation.manage_opportunity", MANAGED.predicate())
rules.add_perm("participation.manage_signup", SIGNUPS.predicate())
# Participation figures (no personal data): city staff (their communities or the whole city), communities (own).
rules.add_perm("participation.view_participation", is_city_staff | is_community_member)
