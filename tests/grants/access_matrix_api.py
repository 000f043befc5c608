"""Who may use the grants API operations for entitlements and the community's own post-award actions.

Entitlements of every community: view_grants (city admin, branch staff; scoped to the branch).
A community's entitlements: communities.view_community_internal, as the staff page. The
community's actions: its secretariat and officers only (prepare_application).
"""

from __future__ import annotations

from tests.access import CITY, COMMUNITY_VIEWERS_OWN, Case, community_slug
from tests.grants.access_matrix import NOBODY, PREPARERS_OWN, VIEWERS
from tests.grants.factories import add_actuals_report, application_in_state, ensure_rule


def _rule(world, which):
    ensure_rule()
    return {}


def _state(status, *, report=False):
    def kwargs(world, which):
        application = application_in_state(world.community(which), status)
        if report:
            add_actuals_report(application, submitted=False)
        return {"application_id": application.pk}

    return kwargs


def _actual_line(world, which):
    from kyodo.grants.models import ActualLine

    pk = _state("awarded", report=True)(world, which)["application_id"]
    return {"application_id": pk, "line_id": ActualLine.objects.get(report__application_id=pk).pk}


def _version(world, which, **more):
    from kyodo.grants.models import Application

    application = Application.objects.filter(community=world.community(which)).latest("pk")
    return {"version": application.version, **more}


def _data(**more):
    return lambda world, which: _version(world, which, **more)


PREPARE = "perm:grants.prepare_application"

CASES = [
    Case("GET /api/v1/grants/entitlements", own=VIEWERS, kwargs=_rule, policy="perm:grants.view_grants"),
    Case("GET /api/v1/grants/communities/{slug}/entitlements", own=COMMUNITY_VIEWERS_OWN, other=CITY,
         kwargs=community_slug, policy="perm:communities.view_community_internal"),
    Case("POST /api/v1/grants/applications/{application_id}/request-change", own=PREPARERS_OWN, other=NOBODY,
         kwargs=_state("awarded"), policy=PREPARE,
         data=_data(reason="参加者が増えたため", description="会場を広くする", requested_amount_yen=100_000)),
    Case("PUT /api/v1/grants/applications/{application_id}/actuals", own=PREPARERS_OWN, other=NOBODY,
         kwargs=_state("awarded"), data=_data(summary="防災訓練を実施した", outcomes=""), policy=PREPARE),
    Case("POST /api/v1/grants/applications/{application_id}/actuals/lines", own=PREPARERS_OWN, other=NOBODY,
         kwargs=_state("awarded"), data=_data(category="meeting", description="会場費", amount_yen=1000),
         policy=PREPARE),
    Case("DELETE /api/v1/grants/applications/{application_id}/actuals/lines/{line_id}", own=PREPARERS_OWN,
         other=NOBODY, kwargs=_actual_line, data=_data(), policy=PREPARE),
    Case("POST /api/v1/grants/applications/{application_id}/report", own=PREPARERS_OWN, other=NOBODY,
         kwargs=_state("awarded", report=True), data=_data(comment=""), policy=PREPARE),
]
