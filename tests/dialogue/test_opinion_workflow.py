"""An opinion from receipt to publication: every action by the right role only, each step on the timeline and in
the audit log, and every refusal changing nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.dialogue import opinions
from kyodo.dialogue.models import Opinion, OpinionTransition
from kyodo.dialogue.workflow import OPINION_WORKFLOW as WORKFLOW
from kyodo.locking import StaleObject
from kyodo.workflows import InvalidTransition
from tests.dialogue.factories import ensure_category, opinion_in_state

TODAY = timezone.localdate


def _complete(action, world):
    if action == "route":
        return {"departments": [world.department], "due_on": TODAY() + dt.timedelta(days=14)}
    if action == "answer":
        return {"answer": "来年度予算に計上します。", "outcome": "budget", "outcome_fiscal_year": 2027,
                "outcome_budget_item": "地域防災力強化事業", "outcome_amount_yen": 500_000}
    if action == "return":
        return {"comment": "根拠を補足してください。"}
    return {}


def _take(world, opinion, action, role):
    service = WORKFLOW.service_for(action)
    return service(opinion, actor=world.users[role], version=opinion.version, **_complete(action, world))


def test_the_whole_path_by_the_right_roles(world):
    opinion = opinions.record_opinion(
        world.community_a, actor=world.users["community_secretariat"], kind="request", title="避難所の街灯",
        body="避難所までの道が暗い。", category=ensure_category(), source="community", source_note="",
        plan_initiative=None, received_on=TODAY(),
    )
    assert opinion.status == "received" and opinion.district == world.community_a.district
    steps = [("route", "city_admin"), ("answer", "department_staff"), ("return", "city_admin"),
             ("answer", "department_staff"), ("review", "city_admin"), ("publish", "city_admin")]
    for action, role in steps:
        opinion = _take(world, Opinion.objects.get(pk=opinion.pk), action, role)
    opinion.refresh_from_db()
    assert opinion.status == "published" and opinion.published_at is not None
    assert opinion.outcome == "budget" and opinion.outcome_budget_item == "地域防災力強化事業"
    assert list(opinion.departments.all()) == [world.department]
    assert [t.action for t in OpinionTransition.objects.filter(opinion=opinion)] == [a for a, _ in steps]
    assert AuditEvent.objects.filter(action__startswith="opinion.", object_id=str(opinion.pk)).count() == 7
    assert opinion.version == 1 + len(steps)


MAY = {
    "route": ("received", {"city_admin"}),
    "answer": ("routed", {"department_staff"}),
    "return": ("answered", {"city_admin"}),
    "review": ("answered", {"city_admin"}),
    "publish": ("reviewed", {"city_admin"}),
}
ROLES = ("city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat", "advisor",
         "company_contact")


@pytest.mark.parametrize("action", sorted(MAY))
def test_only_the_listed_role_may_take_each_action(world, action):
    state, allowed = MAY[action]
    for role in ROLES:
        opinion = opinion_in_state(world.community_a, state)
        before = (opinion.status, opinion.version, OpinionTransition.objects.filter(opinion=opinion).count())
        if role in allowed:
            _take(world, opinion, action, role)
            opinion.refresh_from_db()
            assert opinion.status == WORKFLOW.action(action).target, role
        else:
            with pytest.raises(PermissionDenied):
                _take(world, opinion, action, role)
            opinion.refresh_from_db()
            after = (opinion.status, opinion.version, OpinionTransition.objects.filter(opinion=opinion).count())
            assert after == before, role


def test_a_department_not_routed_to_may_not_answer(world):
    from kyodo.plans.models import Department

    opinion = opinion_in_state(world.community_a, "routed", department=Department.objects.create(name="道路課"))
    with pytest.raises(PermissionDenied):
        _take(world, opinion, "answer", "department_staff")


def test_an_action_from_the_wrong_state_is_a_conflict(world):
    opinion = opinion_in_state(world.community_a, "received")
    with pytest.raises(InvalidTransition):
        _take(world, opinion, "publish", "city_admin")


def test_a_stale_version_changes_nothing(world):
    opinion = opinion_in_state(world.community_a, "answered")
    with pytest.raises(StaleObject):
        WORKFLOW.service_for("review")(opinion, actor=world.users["city_admin"], version=opinion.version - 1)
    opinion.refresh_from_db()
    assert opinion.status == "answered"


@pytest.mark.parametrize(("outcome", "missing"), [
    ({"outcome": ""}, "outcome"),
    ({"outcome": "budget"}, "outcome_fiscal_year"),
    ({"outcome": "budget", "outcome_fiscal_year": 2027}, "outcome_budget_item"),
    ({"outcome": "plan", "outcome_plan": "協働推進計画"}, "outcome_measure"),
    ({"outcome": "study"}, "outcome_study_until"),
    ({"outcome": "impossible", "outcome_reason": "  "}, "outcome_reason"),
])
def test_an_answer_needs_a_complete_outcome(world, outcome, missing):
    opinion = opinion_in_state(world.community_a, "routed")
    with pytest.raises(ValidationError) as refused:
        WORKFLOW.service_for("answer")(opinion, actor=world.users["department_staff"], version=opinion.version,
                                       answer="回答", **outcome)
    assert missing in refused.value.message_dict
    opinion.refresh_from_db()
    assert (opinion.status, opinion.answer) == ("routed", "")


def test_publishing_checks_the_outcome_again(world):
    opinion = opinion_in_state(world.community_a, "reviewed", outcome="impossible")
    # An outcome emptied behind the services' back (the database allows only a reason change here).
    Opinion.objects.filter(pk=opinion.pk).update(answer="")
    opinion.refresh_from_db()
    with pytest.raises(ValidationError):
        _take(world, opinion, "publish", "city_admin")
    opinion.refresh_from_db()
    assert opinion.status == "reviewed" and opinion.published_at is None


def test_the_database_refuses_an_answered_opinion_without_outcome(world):
    from django.db import IntegrityError, transaction

    opinion = opinion_in_state(world.community_a, "answered", outcome="budget")
    with pytest.raises(IntegrityError), transaction.atomic():
        Opinion.objects.filter(pk=opinion.pk).update(outcome_budget_item="")


def test_routing_refuses_a_due_date_in_the_past(world):
    opinion = opinion_in_state(world.community_a, "received")
    with pytest.raises(ValidationError) as refused:
        WORKFLOW.service_for("route")(opinion, actor=world.users["city_admin"], version=opinion.version,
                                      departments=[world.department], due_on=TODAY() - dt.timedelta(days=1))
    assert "due_on" in refused.value.message_dict
    opinion.refresh_from_db()
    assert opinion.status == "received" and opinion.due_on is None


def test_recording_is_for_the_city_the_branch_and_the_community(world):
    fields = {"kind": "opinion", "title": "t", "body": "b", "category": ensure_category(), "source": "community",
              "source_note": "", "plan_initiative": None, "received_on": TODAY()}
    for role in ("branch_staff", "community_secretariat", "city_admin"):
        opinions.record_opinion(world.community_a, actor=world.users[role], **fields)
    for role in ("liaison", "department_staff", "advisor", "community_secretariat"):
        with pytest.raises(PermissionDenied):
            opinions.record_opinion(world.community_b, actor=world.users[role], **fields)
    assert Opinion.objects.count() == 3
