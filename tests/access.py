"""The authorization matrix's vocabulary: each app lists its URLs' expected access.

Every app's ``tests/<app>/access_matrix.py`` defines ``CASES``: one ``Case`` per URL name
(``namespace:name``) or API operation (``"GET /api/v1/…"``). For each case the matrix test
requests the URL as every role, against the own community's object and the other one's,
and checks the outcome against ``own`` and ``other``; the view's declared policy must agree
with them (and equal ``policy`` when a case gives it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ALL = frozenset(
    {
        "anonymous", "city_admin", "branch_staff", "liaison", "department_staff",
        "community_secretariat", "community_officer", "advisor", "company_contact",
    }
)
SIGNED_IN = ALL - {"anonymous"}
CITY = frozenset({"city_admin"})
COMMUNITY_EDITORS_OWN = frozenset({"city_admin", "branch_staff", "community_secretariat", "community_officer"})
COMMUNITY_VIEWERS_OWN = COMMUNITY_EDITORS_OWN | {"liaison"}


@dataclass(frozen=True)
class Case:
    """Expected access for one URL: the roles allowed on the own and on the other object."""

    name: str
    own: frozenset[str]
    other: frozenset[str] | None = None  # None: same as own (the URL is not about a community)
    kwargs: Callable[[Any, str], dict[str, Any]] = field(default=lambda world, which: {})
    method: str = "get"
    data: Callable[[Any, str], dict[str, Any]] | None = None
    ok_status: tuple[int, ...] = (200,)
    policy: str | None = None  # the view's declared access_policy, exactly ("perm:grants.…"); checked when given

    def allowed(self, role: str, which: str) -> bool:
        allowed = self.own if which == "own" or self.other is None else self.other
        return role in allowed


def community_slug(world: Any, which: str) -> dict[str, Any]:
    return {"slug": world.community(which).slug}
