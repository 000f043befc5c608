"""Who may call each /api/v1/participation operation: the opportunities are public; the hosts'
operations follow participation.list_opportunities and participation.manage_opportunity, like the pages."""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_EDITORS_OWN, Case
from tests.participation.access_matrix import HOSTS, _confirmed_signup, _signup
from tests.participation.factories import make_opportunity

PREFIX = "/api/v1/participation/staff/opportunities/{opportunity_id}"


def _opportunity(status="published"):
    def kwargs(world, which):
        return {"opportunity_id": make_opportunity(world.community(which), status=status).pk}

    return kwargs


def _api_signup(source):
    def kwargs(world, which):
        found = source(world, which)
        return {"opportunity_id": found["pk"], "signup_id": found["signup_pk"]}

    return kwargs


def _version(world, which):
    return {"version": 1}


def _attended(world, which):
    return {"attended": True}


def _step(slug, status):
    return Case(f"POST {PREFIX}/{slug}", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_opportunity(status),
                data=_version)


CASES = [
    Case("GET /api/v1/participation", own=ALL),
    Case("GET /api/v1/participation/{opportunity_id}", own=ALL, other=ALL, kwargs=_opportunity()),
    Case("GET /api/v1/participation/staff/opportunities", own=HOSTS),
    Case(f"GET {PREFIX}/signups", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=_opportunity()),
    Case(f"POST {PREFIX}/signups/{{signup_id}}/confirm", own=COMMUNITY_EDITORS_OWN, other=CITY,
         kwargs=_api_signup(_signup)),
    Case(f"POST {PREFIX}/signups/{{signup_id}}/attendance", own=COMMUNITY_EDITORS_OWN, other=CITY,
         kwargs=_api_signup(_confirmed_signup), data=_attended),
    _step("publish", "draft"),
    _step("close", "published"),
    _step("reopen", "closed"),
    _step("cancel", "published"),
]
