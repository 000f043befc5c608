"""Who may change the promotion plans: the city coordination division."""

import rules

from kyodo.accounts.rules import is_city_admin

rules.add_perm("plans.manage_plans", is_city_admin)
