"""Who may use the ledger, community history and public totals URLs.

The ledger follows view_grants (city admin, branch staff). A community's history follows
grants.view_community_history: the city, the community's branch, its liaison and its members.
The public totals are for everyone.
"""

from __future__ import annotations

from tests.access import ALL, CITY, Case, community_slug
from tests.grants.factories import ensure_rule

VIEWERS = frozenset({"city_admin", "branch_staff"})
HISTORY_VIEWERS_OWN = frozenset({"city_admin", "branch_staff", "liaison", "community_secretariat",
                                 "community_officer"})


def _program_year(world, which):
    rule = ensure_rule()
    return {"program": rule.program.code, "fiscal_year": rule.fiscal_year}


CASES = [
    Case("grants_staff:ledger", own=VIEWERS, kwargs=_program_year),
    Case("grants_staff:ledger-export", own=VIEWERS, kwargs=_program_year),
    Case("grants_staff:community-history", own=HISTORY_VIEWERS_OWN, other=CITY, kwargs=community_slug),
    Case("grants:totals", own=ALL),
    Case("grants:community-totals", own=ALL, kwargs=community_slug),
]
