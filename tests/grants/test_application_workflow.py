"""The application lifecycle: every state × action × role, separation of duties, validations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.audit.models import AuditEvent
from kyodo.grants.applications import decisions, drafting
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW as WORKFLOW
from kyodo.grants.applications.workflow import ApplicationStatus, InvalidTransition
from kyodo.grants.models import Application, Award, ChangeRequest, Payment, ProgramRule, Settlement, Transition
from kyodo.locking import StaleObject
from kyodo.workflows import SeparationOfDuties
from tests.factories import UserFactory
from tests.grants.factories import (
    add_actuals_report,
    allowed,
    build_state_objects,
    community_user,
    ensure_category,
    make_application,
)

# Who may take each action (the role, before state and separation of duties).
REVIEWERS = {"city_admin", "branch_staff"}
MAY = {
    "submit": {"own_secretariat"},
    "return": REVIEWERS,
    "recommend": REVIEWERS,
    "award": {"city_admin"},
    "reject": {"city_admin"},
    "pay_advance": {"city_admin"},
    "request_change": {"own_secretariat"},
    "approve_change": {"city_admin"},
    "refuse_change": {"city_admin"},
    "report": {"own_secretariat"},
    "return_report": REVIEWERS,
    "settle": {"city_admin"},
    "pay_final": {"city_admin"},
    "refund": {"city_admin"},
}
ROLES = ("city_admin", "branch_staff", "other_branch_staff", "liaison", "own_secretariat", "other_secretariat",
         "advisor")


def _user(world, role):
    if role == "own_secretariat":
        return world.users["community_secretariat"]
    if role == "other_secretariat":
        return community_user(world.community_b)
    if role == "other_branch_staff":
        return UserFactory(username="t_branch_b", role="branch_staff", branch_office=world.branch_b)
    return world.users[role]


def _take(action, application, user, version):
    kwargs = {"actor": user, "version": version}
    today = dt.date.today()
    if action in ("return", "reject", "refuse_change", "return_report"):
        kwargs["comment"] = "理由を書きました"
    if action == "award":
        kwargs |= {"amount_yen": 100_000, "decision_number": f"一協第{application.pk}号", "decided_on": today}
    if action == "pay_advance":
        kwargs |= {"amount_yen": 50_000, "paid_on": today}
    if action == "request_change":
        kwargs |= {"reason": "参加者が増えた", "description": "会場を変更", "requested_amount_yen": 120_000}
    if action == "settle":
        kwargs |= {"notice_number": f"一協確第{application.pk}-{Transition.objects.count()}号", "settled_on": today}
    if action in ("pay_final", "refund"):
        kwargs |= {"paid_on": today}
    return WORKFLOW.service_for(action)(application, **kwargs)


def _snapshot(application):
    fresh = Application.objects.get(pk=application.pk)
    return (fresh.status, fresh.version, Transition.objects.count(), AuditEvent.objects.count(),
            Award.objects.count(), len(mail.outbox), Payment.objects.count(), Settlement.objects.count(),
            ChangeRequest.objects.filter(status="pending").count(),
            list(Award.objects.values_list("amount_yen", flat=True)))


def _prepare(application, action):
    """What the state's factory objects lack for the action to succeed."""
    if action == "report" and application.status == "awarded":
        add_actuals_report(application, submitted=False)
    if action == "refund":  # more paid in advance than settled
        Settlement.objects.filter(application=application).update(settled_yen=application.requested_yen - 10_000)
        Payment.objects.create(application=application, kind="advance", amount_yen=application.requested_yen,
                               paid_on=dt.date.today(), recorded_by=application.award.decided_by)


def _reset(application, state, original):
    Application.objects.filter(pk=application.pk).update(status=state, recommended_by=original.recommended_by)
    application.refresh_from_db()
    build_state_objects(application)


def test_the_table_is_closed_under_its_states():
    assert set(WORKFLOW.transitions) == set(ApplicationStatus)
    assert set(WORKFLOW.actions) == set(MAY) == set(WORKFLOW._services)
    assert all(a.label and a.noun and a.done and a.permission for a in WORKFLOW.actions.values())
    with pytest.raises(InvalidTransition, match="「交付決定」の申請では「実績報告を差し戻す」はできません"):
        WORKFLOW.ensure_action("awarded", "return_report")
    every_state_reachable = {a.target for a in WORKFLOW.actions.values()} | {ApplicationStatus.DRAFT}
    assert every_state_reachable == set(ApplicationStatus)
    assert WORKFLOW.final_states == {"rejected", "closed"}


@pytest.mark.parametrize("action", list(WORKFLOW.actions))
@pytest.mark.parametrize("state", list(ApplicationStatus))
def test_every_state_action_and_role(world, state, action, django_capture_on_commit_callbacks):
    application = make_application(world.community_a, status=state)
    original = Application.objects.get(pk=application.pk)
    users = {role: _user(world, role) for role in ROLES}
    state_ok = WORKFLOW.can_act(state, action)
    # The allowed role goes last: the others must change nothing before it.
    for role in sorted(ROLES, key=lambda r: r in MAY[action]):
        if role in MAY[action] and state_ok:
            _prepare(application, action)
            before = _snapshot(application)
            with django_capture_on_commit_callbacks(execute=True):
                result = _take(action, application, users[role], application.version)
            assert result.status == WORKFLOW.action(action).target
            after = _snapshot(application)
            assert after[1] == before[1] + 1 and after[2] == before[2] + 1 and after[3] == before[3] + 1
            transition = Transition.objects.latest("pk")
            assert (transition.from_status, transition.to_status, transition.actor, transition.action) == (
                state, WORKFLOW.action(action).target, users[role], action)
            assert AuditEvent.objects.latest("sequence").action == f"grant_application.{action}"
            _reset(application, state, original)  # for the next allowed role
            continue
        before = _snapshot(application)
        expected = InvalidTransition if role in MAY[action] else PermissionDenied
        with pytest.raises(expected):
            _take(action, application, users[role], application.version)
        assert _snapshot(application) == before, (state, action, role)


def test_a_city_admin_who_prepared_an_application_cannot_decide_it(world, city_admin):
    application = make_application(world.community_a, status="recommended")
    Application.objects.filter(pk=application.pk).update(prepared_by=city_admin)
    application.refresh_from_db()
    for action in ("award", "reject"):
        with pytest.raises(SeparationOfDuties, match="申請を作成した方"):
            _take(action, application, city_admin, application.version)
    assert Application.objects.get(pk=application.pk).status == "recommended"
    assert allowed(application, city_admin) == []


def test_the_recommender_cannot_decide_and_another_admin_can(world, city_admin):
    application = make_application(world.community_a, status="submitted")
    application = decisions.recommend_application(application, actor=city_admin, version=application.version)
    with pytest.raises(SeparationOfDuties, match="申請を推薦した方"):
        _take("award", application, city_admin, application.version)
    other_admin = UserFactory(username="t_city2", role="city_admin")
    assert allowed(application, other_admin) == ["award", "reject"]
    _take("award", application, other_admin, application.version)
    assert Award.objects.get(application=application).decided_by == other_admin


def test_a_city_admin_account_of_the_applying_community_cannot_review(world):
    member = UserFactory(username="t_city_member", role="city_admin", community=world.community_a)
    application = make_application(world.community_a, status="submitted")
    with pytest.raises(SeparationOfDuties, match="所属するアカウント"):
        _take("recommend", application, member, application.version)
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_a_stale_version_changes_nothing(world):
    application = make_application(world.community_a, status="submitted")
    before = _snapshot(application)
    with pytest.raises(StaleObject):
        _take("recommend", application, world.users["branch_staff"], application.version - 1 or 99)
    assert _snapshot(application) == before


def test_return_and_reject_need_a_reason(world, city_admin):
    submitted = make_application(world.community_a, status="submitted")
    with pytest.raises(ValidationError, match="差し戻す理由"):
        decisions.return_application(submitted, actor=city_admin, version=submitted.version, comment=" ")
    recommended = make_application(world.community_b, status="recommended")
    with pytest.raises(ValidationError, match="不交付の理由"):
        decisions.reject_application(recommended, actor=city_admin, version=recommended.version, comment="")


def test_submission_problems_are_listed_together(world, secretary):
    application = make_application(world.community_a, amount_yen=400_000, lines=2)  # 800,000 > 500,000
    line = application.lines.first()
    line.category = ensure_category("food", "飲食費")
    line.save()
    rule = application.rule
    ProgramRule.objects.filter(pk=rule.pk).update(
        application_opens_on=rule.application_opens_on, application_closes_on=rule.application_opens_on)
    with pytest.raises(ValidationError) as raised:
        decisions.submit_application(application, actor=secretary, version=application.version)
    messages = raised.value.messages
    assert any("申請受付期間" in m and "外のため申請できません" in m for m in messages)
    assert "「飲食費」はこの補助金の対象経費ではありません。" in messages
    assert "申請額の合計800,000円が交付見込額500,000円を超えています。" in messages
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_submission_needs_a_line(world, secretary):
    application = make_application(world.community_a, lines=0)
    with pytest.raises(ValidationError, match="経費の明細を1行以上"):
        decisions.submit_application(application, actor=secretary, version=application.version)


def test_lines_need_an_eligible_category_and_whole_yen(world, secretary):
    application = make_application(world.community_a, lines=0)
    for category, amount, field in ((ensure_category("food"), 1000, "category"),
                                    (ensure_category("meeting"), 0, "amount_yen"),
                                    (ensure_category("meeting"), 10.5, "amount_yen")):
        with pytest.raises(ValidationError) as raised:
            drafting.add_expense_line(application, actor=secretary, version=application.version,
                                      category=category, description="x", amount_yen=amount)
        assert field in raised.value.message_dict
    line = drafting.add_expense_line(application, actor=secretary, version=application.version,
                                     category=ensure_category("meeting"), description="会場費", amount_yen=12_000)
    assert Application.objects.get(pk=application.pk).requested_yen == 12_000
    drafting.remove_expense_line(line, actor=secretary, version=application.version)
    assert Application.objects.get(pk=application.pk).requested_yen == 0


def test_submitted_applications_cannot_be_edited(world, secretary):
    application = make_application(world.community_a, status="submitted")
    with pytest.raises(InvalidTransition, match="下書きか差戻し"):
        drafting.update_application(application, actor=secretary, version=application.version, title="新しい名前")


def test_award_is_limited_by_entitlement_cap_and_budget(world, city_admin):
    application = make_application(world.community_a, status="recommended")
    rule = application.rule

    def award(amount, number="一協第1号"):
        return decisions.award_application(application, actor=city_admin, version=application.version,
                                          amount_yen=amount, decision_number=number, decided_on=dt.date.today())

    with pytest.raises(ValidationError, match="交付見込額500,000円を超えています"):
        award(500_001)
    ProgramRule.objects.filter(pk=rule.pk).update(cap_yen=200_000)
    with pytest.raises(ValidationError, match="上限額200,000円を超えています"):
        award(200_001)
    ProgramRule.objects.filter(pk=rule.pk).update(budget_yen=150_000)
    other = make_application(world.community_b, status="awarded", amount_yen=100_000)
    assert other.award.amount_yen == 100_000
    with pytest.raises(ValidationError, match="予算残額50,000円を超えています"):
        award(60_000)
    with pytest.raises(ValidationError, match="交付決定番号はすでに使われています"):
        award(50_000, number=other.award.decision_number)
    award(50_000)
    assert Application.objects.get(pk=application.pk).status == "awarded"


def test_creating_needs_eligibility_and_a_rule(world, secretary):
    from tests.grants.factories import ensure_program, open_rule

    rule = open_rule()
    with pytest.raises(ValidationError, match="対象ではないため申請できません"):
        drafting.create_application(world.community_a, actor=secretary, program=rule.program,
                                    fiscal_year=rule.fiscal_year, title="事業")  # no plan in force
    with pytest.raises(ValidationError, match="ルールがまだないため"):
        drafting.create_application(world.community_a, actor=secretary, program=ensure_program("startup"),
                                    fiscal_year=rule.fiscal_year, title="事業")
    with pytest.raises(PermissionDenied):
        drafting.create_application(world.community_b, actor=secretary, program=rule.program,
                                    fiscal_year=rule.fiscal_year, title="事業")


def test_transitions_notify_the_community_and_its_branch(world, django_capture_on_commit_callbacks):
    secretary = world.users["community_secretariat"]
    secretary.email, world.users["branch_staff"].email = "jimu@example.jp", "shisho@example.jp"
    secretary.save()
    world.users["branch_staff"].save()
    application = make_application(world.community_a)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.submit_application(application, actor=secretary, version=application.version)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["jimu@example.jp", "shisho@example.jp"]
    assert "申請済み" in mail.outbox[0].subject


def test_the_rule_locks_once_the_year_has_an_application(world):
    application = make_application(world.community_a)
    assert application.rule.is_locked
    from tests.grants.factories import ensure_rule

    assert not ensure_rule(fiscal_year=2023).is_locked
