"""Who may write, publish and unpublish activity reports."""

from __future__ import annotations

import rules

from kyodo.accounts.rules import is_city_admin, is_community_member
from kyodo.practice.scopes import VISIBLE, WRITTEN

# A community's secretariat and officers write their own community's reports.
rules.add_perm("practice.create_report", is_community_member)
# The staff list is scoped in SQL: the city sees every report, a community its own.
rules.add_perm("practice.list_reports", is_city_admin | is_community_member)
rules.add_perm("practice.view_report", VISIBLE.predicate())
# Editing, photos, publishing and withdrawing: the report's own community.
rules.add_perm("practice.edit_report", WRITTEN.predicate())
# Taking a published report off the site, with a reason: the city's coordination division.
rules.add_perm("practice.unpublish_report", is_city_admin)
# The list of themes reports are filed under: the city's coordination division.
rules.add_perm("practice.manage_themes", is_city_admin)
