"""Who may see and change subsidy rules and simulations."""

from __future__ import annotations

import rules

from kyodo.accounts.rules import is_branch_staff, is_city_admin

rules.add_perm("grants.view_grants", is_city_admin | is_branch_staff)
rules.add_perm("grants.manage_rules", is_city_admin)
rules.add_perm("grants.simulate", is_city_admin)
