"""Who may organise events and see who registered."""

from __future__ import annotations

import rules

from kyodo.accounts.rules import is_advisor, is_branch_staff, is_city_admin, is_city_staff, is_community_member
from kyodo.events.scopes import ORGANISED, REGISTRATIONS

organises = ORGANISED.predicate()

# Creating an event: whoever may organise one (the city, a branch, a community, the centre).
rules.add_perm("events.create_event", is_city_admin | is_branch_staff | is_community_member | is_advisor)
# The list of one's own events is scoped in SQL; whoever may create one may open it.
rules.add_perm("events.list_events", is_city_admin | is_branch_staff | is_community_member | is_advisor)
# An event's participants, its edits and its steps: its organisers (the scope ORGANISED).
rules.add_perm("events.manage_event", organises)
rules.add_perm("events.see_registration", REGISTRATIONS.predicate())
# The kinds of events are the city's vocabulary.
rules.add_perm("events.manage_kinds", is_city_admin)
# Participation figures: city staff (the whole city or their communities) and communities (their own row).
rules.add_perm("events.view_participation", is_city_staff | is_community_member)
# One person's training history is personal data: the city's coordination division only.
rules.add_perm("events.view_training_history", is_city_admin)
