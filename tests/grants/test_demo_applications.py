"""The demo applications: five fiscal years, every state, consistent money, valid timelines, once."""

from __future__ import annotations

from collections import defaultdict

from kyodo.audit.models import AuditEvent
from kyodo.audit.services import verify_chain
from kyodo.grants.applications import amounts
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW, AWARDED_STATES, ApplicationStatus
from kyodo.grants.demo import EARLY, _years, create_demo_applications
from kyodo.grants.models import (
    ActualsReport,
    Application,
    Attachment,
    Award,
    ChangeRequest,
    Payment,
    Settlement,
    Transition,
)
from kyodo.grants.programs.loading import load_grant_programs
from tests.factories import CommunityFactory
from tests.grants.factories import make_eligible

COUNTED = (Application, Transition, Award, Payment, ChangeRequest, ActualsReport, Attachment, Settlement, AuditEvent)


def test_demo_applications_cover_five_years_and_every_state_once(world):
    load_grant_programs()
    years = _years()  # the current fiscal year and the four before it (demo rules: FY2019–)
    assert len(years) == 5 and years == list(range(years[0], years[0] + 5))
    communities = [world.community_a, world.community_b, *(CommunityFactory() for _ in range(5))]
    for community in communities:
        for year in years:
            make_eligible(community, year)

    created = create_demo_applications()
    assert created == Application.objects.count() > 0
    states_by_year = defaultdict(set)
    for year, status in Application.objects.values_list("fiscal_year", "status"):
        states_by_year[year].add(status)
    assert set(states_by_year) == set(years)
    assert set().union(*states_by_year.values()) == set(ApplicationStatus.values)
    for year in years[-2:]:
        assert set(EARLY) <= states_by_year[year]
    for year in years[:-2]:  # the older years are over
        assert states_by_year[year] <= {"closed", "rejected"} and "closed" in states_by_year[year]

    # Each timeline follows the workflow's actions from draft to the application's state, in order of time.
    for application in Application.objects.prefetch_related("transitions"):
        status = "draft"
        previous = None
        for step in application.transitions.all():
            assert step.from_status == status and APPLICATION_WORKFLOW.can_act(status, step.action), (
                application, step.action)
            assert step.to_status == APPLICATION_WORKFLOW.action(step.action).target
            assert previous is None or previous <= step.occurred_at
            assert step.occurred_at.date() >= application.fiscal_year_obj.starts_on
            status, previous = step.to_status, step.occurred_at
        assert status == application.status

    # The objects each state implies, and the money.
    for application in Application.objects.select_related("rule"):
        state = application.status
        has = {model.__name__: model.objects.filter(application=application).exists()
               for model in (Award, ActualsReport, Settlement)}
        assert has["Award"] == (state in AWARDED_STATES)
        assert has["ActualsReport"] == (state in ("reported", "report_returned", "settled", "closed"))
        assert has["Settlement"] == (state in ("settled", "closed"))
        if has["ActualsReport"]:
            assert application.actuals_report.lines.exists()
            receipt = Attachment.objects.get(application=application, kind="receipt")
            assert receipt.file.read().startswith(b"%PDF")
        pending = ChangeRequest.objects.filter(application=application, status="pending").count()
        assert pending == (1 if state == "change_requested" else 0)
        money = amounts.money(application)
        if money.advance_yen:
            assert application.rule.allows_advance_payment
        if has["Settlement"]:
            settlement = Settlement.objects.get(application=application)
            figures = amounts.settlement_figures(application)
            assert settlement.settled_yen == min(figures.eligible_actuals_yen, money.awarded_yen)
        if state == "closed":
            assert money.advance_yen + money.final_yen - money.refunded_yen == money.settled_yen
        assert AuditEvent.objects.filter(action="grant_application.demo_created",
                                         object_id=str(application.pk)).count() == 1
    # Some of each detour: an advance, an approved change, a refund, a returned report.
    assert Payment.objects.filter(kind="advance").exists() and Payment.objects.filter(kind="refund").exists()
    assert ChangeRequest.objects.filter(status="approved").exists()
    assert Transition.objects.filter(action="return_report", application__status="closed").exists() or \
        Transition.objects.filter(action="return_report", application__status="settled").exists()
    numbers = list(Award.objects.values_list("decision_number", flat=True))
    assert len(numbers) == len(set(numbers)) and all(n.startswith("一協第") for n in numbers)
    assert verify_chain().ok

    counts = [model.objects.count() for model in COUNTED]
    assert create_demo_applications() == 0
    assert [model.objects.count() for model in COUNTED] == counts
    assert verify_chain().ok
