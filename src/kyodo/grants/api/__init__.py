"""/api/v1/grants: the subsidy programs and their rules per fiscal year (public), entitlements
(staff, and a community's own), applications (signed-in users, scoped like the staff pages) and
the community's own actions on them, through the grants services.

One router, assembled from one module per concept. Their paths do not overlap: ninja gives
each router its own URL patterns, so a path split over two modules would answer 405 for the
second module's methods.
"""

from __future__ import annotations

from ninja import Router

from kyodo.grants.api import applications, entitlements, lifecycle, programs

router = Router(tags=["grants"])
for part in (programs, entitlements, applications, lifecycle):
    router.add_router("", part.router)
