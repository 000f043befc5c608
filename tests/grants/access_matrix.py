"""Who may use each grants URL and API operation.

view_grants: city admin and branch staff. manage_rules and simulate: city admin.
The community page follows communities.view_community_internal. Public pages and API: all.
Programs and rules are created on demand (the `world` fixture has none).
"""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_VIEWERS_OWN, SIGNED_IN, Case, community_slug
from tests.grants.factories import application_in_state, ensure_rule, ensure_scenario, rule_post_data

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


# Applications: viewed by the city, the community's branch, its members and its liaison; prepared
# by its members; reviewed by its branch and the city; decided by the city.
APPLICATION_LISTERS = frozenset(
    {"city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat", "community_officer"}
)
APPLICATION_VIEWERS_OWN = frozenset({"city_admin", "branch_staff", "liaison", "community_secretariat",
                                     "community_officer"})
PREPARERS_OWN = frozenset({"community_secretariat", "community_officer"})
REVIEWERS_OWN = frozenset({"city_admin", "branch_staff"})
NOBODY = frozenset()


def _application(status):
    def kwargs(world, which):
        return {"pk": application_in_state(world.community(which), status).pk}

    return kwargs


def _line(world, which):
    application = application_in_state(world.community(which), "draft")
    return {"pk": application.pk, "line_pk": application.lines.first().pk}


def _version(world, which, **more):
    from kyodo.grants.models import Application

    application = Application.objects.filter(community=world.community(which)).latest("pk")
    return {"version": str(application.version), **more}


def _version_prefixed(action, **more):
    def data(world, which):
        values = _version(world, which, comment="確認しました", **more)
        return {f"{action}-{key}": value for key, value in values.items()}

    return data


def _award_data(world, which):
    import uuid

    return _version_prefixed("award", amount_yen="100000", decision_number=f"一協第{uuid.uuid4().hex[:8]}号",
                             decided_on="2026-06-01")(world, which)


def _line_data(world, which):
    from tests.grants.factories import ensure_category

    return _version(world, which, category=str(ensure_category("meeting", "会議費").pk), description="会場費",
                    amount_yen="1000")


def _edit_data(world, which):
    return _version(world, which, title="防災訓練", purpose="")


def _awarded_with_report(world, which):
    from tests.grants.factories import add_actuals_report

    application = application_in_state(world.community(which), "awarded")
    add_actuals_report(application, submitted=False)
    return {"pk": application.pk}


def _actual_line(world, which):
    pk = _awarded_with_report(world, which)["pk"]
    from kyodo.grants.models import ActualLine

    return {"pk": pk, "line_pk": ActualLine.objects.get(report__application_id=pk).pk}


def _settled_overpaid(world, which):
    import datetime as dt

    from kyodo.grants.models import Payment, Settlement

    application = application_in_state(world.community(which), "settled")
    Settlement.objects.filter(application=application).update(settled_yen=application.requested_yen - 10_000)
    Payment.objects.create(application=application, kind="advance", amount_yen=application.requested_yen,
                           paid_on=dt.date.today(), recorded_by=application.award.decided_by)
    return {"pk": application.pk}


def _payment_data(action, **more):
    def data(world, which):
        import uuid

        return _version_prefixed(action, paid_on="2026-06-01", idempotency_key=str(uuid.uuid4()), **more)(world, which)

    return data


def _settle_data(world, which):
    import uuid

    return _version_prefixed("settle", notice_number=f"確{uuid.uuid4().hex[:8]}", settled_on="2026-06-01")(
        world, which)


def _api_application(status):
    def kwargs(world, which):
        return {"application_id": application_in_state(world.community(which), status).pk}

    return kwargs


def _api_version(world, which):
    return {"version": int(_version(world, which)["version"])}


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
    Case("grants_staff:application-list", own=APPLICATION_LISTERS),
    Case("grants_staff:application-create", own=PREPARERS_OWN, other=NOBODY, kwargs=community_slug),
    Case("grants_staff:application-detail", own=APPLICATION_VIEWERS_OWN, other=CITY, kwargs=_application("draft")),
    Case("grants_staff:application-edit", own=PREPARERS_OWN, other=NOBODY, kwargs=_application("draft"),
         method="post", data=_edit_data, ok_status=(302,)),
    Case("grants_staff:application-line-add", own=PREPARERS_OWN, other=NOBODY, kwargs=_application("draft"),
         method="post", data=_line_data, ok_status=(302,)),
    Case("grants_staff:application-line-edit", own=PREPARERS_OWN, other=NOBODY, kwargs=_line),
    Case("grants_staff:application-line-delete", own=PREPARERS_OWN, other=NOBODY, kwargs=_line, method="post",
         data=_version, ok_status=(302,)),
    Case("grants_staff:application-submit", own=PREPARERS_OWN, other=NOBODY, kwargs=_application("draft"),
         method="post", data=_version_prefixed("submit"), ok_status=(302,)),
    Case("grants_staff:application-return", own=REVIEWERS_OWN, other=CITY, kwargs=_application("submitted"),
         method="post", data=_version_prefixed("return"), ok_status=(302,)),
    Case("grants_staff:application-recommend", own=REVIEWERS_OWN, other=CITY, kwargs=_application("submitted"),
         method="post", data=_version_prefixed("recommend"), ok_status=(302,)),
    Case("grants_staff:application-award", own=CITY, kwargs=_application("recommended"), method="post",
         data=_award_data, ok_status=(302,)),
    Case("grants_staff:application-reject", own=CITY, kwargs=_application("recommended"), method="post",
         data=_version_prefixed("reject"), ok_status=(302,)),
    Case("grants_staff:application-pay-advance", own=CITY, kwargs=_application("awarded"), method="post",
         data=_payment_data("pay_advance", amount_yen="10000"), ok_status=(302,)),
    Case("grants_staff:application-request-change", own=PREPARERS_OWN, other=NOBODY, kwargs=_application("awarded"),
         method="post", data=_version_prefixed("request_change", reason="人数増", description="会場変更",
                                               requested_amount_yen="100000"), ok_status=(302,)),
    Case("grants_staff:application-approve-change", own=CITY, kwargs=_application("change_requested"),
         method="post", data=_version_prefixed("approve_change"), ok_status=(302,)),
    Case("grants_staff:application-refuse-change", own=CITY, kwargs=_application("change_requested"),
         method="post", data=_version_prefixed("refuse_change"), ok_status=(302,)),
    Case("grants_staff:application-actuals-edit", own=PREPARERS_OWN, other=NOBODY, kwargs=_application("awarded")),
    Case("grants_staff:application-actual-line-add", own=PREPARERS_OWN, other=NOBODY,
         kwargs=_application("awarded"), method="post", data=_line_data, ok_status=(302,)),
    Case("grants_staff:application-actual-line-edit", own=PREPARERS_OWN, other=NOBODY, kwargs=_actual_line),
    Case("grants_staff:application-actual-line-delete", own=PREPARERS_OWN, other=NOBODY, kwargs=_actual_line,
         method="post", data=_version, ok_status=(302,)),
    Case("grants_staff:application-report", own=PREPARERS_OWN, other=NOBODY, kwargs=_awarded_with_report,
         method="post", data=_version_prefixed("report"), ok_status=(302,)),
    Case("grants_staff:application-return-report", own=REVIEWERS_OWN, other=CITY, kwargs=_application("reported"),
         method="post", data=_version_prefixed("return_report"), ok_status=(302,)),
    Case("grants_staff:application-settle", own=CITY, kwargs=_application("reported"), method="post",
         data=_settle_data, ok_status=(302,)),
    Case("grants_staff:application-pay-final", own=CITY, kwargs=_application("settled"), method="post",
         data=_payment_data("pay_final"), ok_status=(302,)),
    Case("grants_staff:application-refund", own=CITY, kwargs=_settled_overpaid, method="post",
         data=_payment_data("refund"), ok_status=(302,)),
    Case("GET /api/v1/grants/programs", own=ALL, policy="public"),
    Case("GET /api/v1/grants/programs/{code}/rules", own=ALL, kwargs=_code, policy="public"),
    # Any signed-in user gets the list, scoped to what they may see (empty for most roles).
    Case("GET /api/v1/grants/applications", own=SIGNED_IN, policy="authenticated"),
    Case("GET /api/v1/grants/applications/{application_id}", own=APPLICATION_VIEWERS_OWN, other=CITY,
         kwargs=_api_application("draft"), policy="perm:grants.see_application"),
    Case("POST /api/v1/grants/applications/{application_id}/submit", own=PREPARERS_OWN, other=NOBODY,
         kwargs=_api_application("draft"), data=_api_version, policy="perm:grants.prepare_application"),
]

__all__ = ["CASES", "rule_post_data"]
