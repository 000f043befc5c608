"""Who may use each grants URL and API operation.

view_grants: city admin and branch staff. manage_rules and simulate: city admin.
The community page follows communities.view_community_internal. Public pages and API: all.
Programs and rules are created on demand (the `world` fixture has none).
"""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_VIEWERS_OWN, Case, community_slug
from tests.grants.factories import ensure_rule, ensure_scenario, rule_post_data

VIEWERS = frozenset({"city_admin", "branch_staff"})


def _program_year(world, which):
    rule = ensure_rule()
    return {"program": rule.program.code, "fiscal_year": rule.fiscal_year}


def _rule(world, which):
    return {"pk": ensure_rule().pk}


def _scenario(world, which):
    return {"pk": ensure_scenario().pk}


def _fresh_scenario(world, which):
    # Each allowed request deletes one; a new name each time keeps one to delete.
    from kyodo.grants.models import SimulationScenario

    scenario = ensure_scenario(name=f"削除用{SimulationScenario.objects.count()}")
    return {"pk": scenario.pk}


def _code(world, which):
    return {"code": ensure_rule().program.code}


def _scenario_data(world, which):
    return {"name": "案", "base_yen": "1", "per_household_yen": "0", "per_resident_yen": "0", "rounding_unit_yen": "1"}


CASES = [
    Case("grants:index", own=ALL),
    Case("grants_staff:index", own=VIEWERS),
    Case("grants_staff:rule-create", own=CITY),
    Case("grants_staff:rule-edit", own=CITY, kwargs=_rule),
    Case("grants_staff:entitlements", own=VIEWERS, kwargs=_program_year),
    Case("grants_staff:simulation", own=CITY, kwargs=_program_year),
    Case("grants_staff:simulation-export", own=CITY, kwargs=_program_year),
    Case("grants_staff:scenario-list", own=CITY, kwargs=_program_year),
    Case("grants_staff:scenario-save", own=CITY, kwargs=_program_year, method="post", data=_scenario_data,
         ok_status=(302,)),
    Case("grants_staff:scenario-adopt", own=CITY, kwargs=_scenario),
    Case("grants_staff:scenario-delete", own=CITY, kwargs=_fresh_scenario, method="post", ok_status=(302,)),
    Case("grants_staff:my-entitlements", own=COMMUNITY_VIEWERS_OWN, other=CITY, kwargs=community_slug),
    Case("GET /api/v1/grants/programs", own=ALL),
    Case("GET /api/v1/grants/programs/{code}/rules", own=ALL, kwargs=_code),
]

__all__ = ["CASES", "rule_post_data"]
