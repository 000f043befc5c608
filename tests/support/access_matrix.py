"""Who may use the liaison pages.

support.view_community_support and support.log_contact: city staff in the community's internal scope
(the city admin, the community's branch, its liaison); never its members, the centre or a company.
support.assign_liaison: the city admin and the community's branch. support.view_coverage: the city
admin and branch staff (their list is scoped to their branch).
"""

from __future__ import annotations

from tests.access import CITY, Case, community_slug
from tests.support.factories import ensure_follow_up

SUPPORT_OWN = frozenset({"city_admin", "branch_staff", "liaison"})
ASSIGN_OWN = frozenset({"city_admin", "branch_staff"})


def _follow_up(world, which):
    community = world.community(which)
    return {"slug": community.slug, "pk": ensure_follow_up(community, world.users["city_admin"]).pk}


CASES = [
    Case("support_staff:coverage", own=frozenset({"city_admin", "branch_staff"}), policy="perm:support.view_coverage"),
    Case("support_staff:community", own=SUPPORT_OWN, other=CITY, kwargs=community_slug),
    Case("support_staff:contact-create", own=SUPPORT_OWN, other=CITY, kwargs=community_slug),
    Case("support_staff:follow-up-done", own=SUPPORT_OWN, other=CITY, kwargs=_follow_up),
    Case("support_staff:assign", own=ASSIGN_OWN, other=CITY, kwargs=community_slug),
]
