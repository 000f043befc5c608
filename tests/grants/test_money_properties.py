"""Properties of the money, whatever anyone does in whatever order.

From two recommended applications sharing one rule (and so one budget), random actions, valid or
not, by the right or the wrong person, with random amounts, go through the services. A refused
action must change nothing; a successful one writes exactly one Transition and one audit event;
after every step no award exceeds the entitlement, the cap or the year's budget, the settled
amount is the eligible actuals capped by the award, and a closed application's payments add up.
The entitlement formula's own rounding is a property in test_formula.py; here the services are
checked to use exactly that figure.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kyodo.audit.models import AuditEvent
from kyodo.communities.models import DistrictFigure
from kyodo.grants.applications import actuals, amounts
from kyodo.grants.applications.amounts import entitlement_yen
from kyodo.grants.applications.workflow import (
    APPLICATION_WORKFLOW,
    AWARDED_STATES,
    REPORT_EDITABLE,
    InvalidTransition,
)
from kyodo.grants.models import (
    ActualLine,
    ActualsReport,
    Application,
    Attachment,
    Award,
    ChangeRequest,
    Payment,
    ProgramRule,
    Settlement,
    Transition,
)
from kyodo.grants.programs.entitlements import ROUNDING_UNITS, compute_amount
from kyodo.locking import StaleObject
from tests.grants.factories import MINIMAL_PDF, community_user, ensure_category, make_application

TODAY = dt.date.today()
REFUSALS = (ValidationError, InvalidTransition, PermissionDenied, StaleObject)
EDITING = ("write_report", "add_actual", "remove_actual")  # report editing: no transition, no audit event
EVERYTHING = [*APPLICATION_WORKFLOW.actions, *EDITING]
SETTINGS = settings(
    max_examples=15, deadline=None, derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@given(planned=st.integers(0, 10**12), percent=st.integers(0, 100))
def test_allowed_for_is_floor_of_planned_times_tolerance_exactly(planned, percent):
    assert amounts.allowed_for(planned, percent) == planned * (100 + percent) // 100


def _amount(data, *around: int) -> int:
    """Any amount, or one right at (or one yen either side of) an interesting figure."""
    near = sorted({max(x + d, 0) for x in around for d in (-1, 0, 1)})
    choices = st.integers(-2, 2_600_000)
    return data.draw(st.one_of(st.sampled_from(near), st.sampled_from(near), choices) if near else choices)


class Run:
    """One example: the world, the two applications, and the numbers to keep unique."""

    def __init__(self, world, data):
        self.data = data
        self.city = world.users["city_admin"]
        self.branch = world.users["branch_staff"]
        self.secretary = community_user(world.community_a)
        self.secretary_b = community_user(world.community_b)
        self.meeting = ensure_category("meeting", "会議費")
        self.food = ensure_category("food", "飲食費")
        self.a = make_application(world.community_a, status="recommended",
                                  amount_yen=data.draw(st.integers(1, 700_000), label="planned_a"))
        self.b = make_application(world.community_b, status="recommended",
                                  amount_yen=data.draw(st.integers(1, 700_000), label="planned_b"))
        self.rule = self.a.rule
        ProgramRule.objects.filter(pk=self.rule.pk).update(
            budget_yen=data.draw(st.sampled_from([150_000, 600_000, 30_000_000]), label="budget"),
            cap_yen=data.draw(st.sampled_from([None, 200_000, 2_000_000]), label="cap"),
            rounding_unit_yen=data.draw(st.sampled_from(ROUNDING_UNITS), label="unit"),
            allows_advance_payment=data.draw(st.booleans(), label="advance allowed"),
            category_overspend_percent=data.draw(st.sampled_from([0, 20, 33]), label="percent"),
        )
        for community in (world.community_a, world.community_b):
            DistrictFigure.objects.filter(district=community.district, fiscal_year=self.rule.fiscal_year).update(
                households=data.draw(st.integers(0, 5000)), population=data.draw(st.integers(0, 12000)))
        self.rule.refresh_from_db()
        self.numbers = 0

    def fresh(self, application) -> Application:
        return Application.objects.select_related("rule").get(pk=application.pk)

    def owner(self, application):
        return self.secretary if application.pk == self.a.pk else self.secretary_b

    def actor(self, application, action: str):
        right = {"community": self.owner(application), "reviewer": self.branch, "decider": self.city}
        role = "community" if action in EDITING else APPLICATION_WORKFLOW.action(action).role
        if self.data.draw(st.integers(0, 7), label="wrong actor?") == 0:
            return self.data.draw(st.sampled_from([self.city, self.branch, self.secretary, self.secretary_b]))
        return right[role]

    def number(self, prefix: str, model, field: str) -> str:
        taken = list(model.objects.values_list(field, flat=True)[:3])
        if taken and self.data.draw(st.integers(0, 5), label="reuse a number?") == 0:
            return self.data.draw(st.sampled_from(taken))
        self.numbers += 1
        return f"{prefix}{self.numbers}号"

    def forward(self, application) -> str:
        """The action that brings the application nearer to closed (empty when there is none)."""
        app = self.fresh(application)
        if app.status == "awarded" and app.rule.allows_advance_payment and not Payment.objects.filter(
                application=app, kind="advance").exists():
            return "pay_advance"
        if app.status in REPORT_EDITABLE:
            report = ActualsReport.objects.filter(application=app).first()
            if report is None or not report.summary:
                return "write_report"
            lines = list(ActualLine.objects.filter(report=report).values_list("amount_yen", flat=True))
            if not lines:
                return "add_actual"
            if sum(lines) > amounts.allowed_for(app.requested_yen, app.rule.category_overspend_percent):
                return "remove_actual"
            return "report"
        if app.status == "settled":
            return "refund" if (amounts.money(app).balance_yen or 0) < 0 else "pay_final"
        return {"recommended": "award", "change_requested": "approve_change", "reported": "settle"}.get(
            app.status, "")

    # ---- one step -------------------------------------------------------------------------

    def call(self, application: Application, action: str, actor) -> None:
        data, app = self.data, self.fresh(application)
        version = app.version
        if data.draw(st.integers(0, 19), label="stale?") == 0:
            version -= 1
        award = Award.objects.filter(application=app).values_list("amount_yen", flat=True).first() or 0
        limit = entitlement_yen(app) or 0
        if action == "write_report":
            actuals.save_actuals_report(app, actor=actor, version=version, summary="防災訓練を実施")
            if not Attachment.objects.filter(application=app, kind="receipt").exists():
                receipt = Attachment(application=app, kind="receipt", original_name="r.pdf",
                                     content_type="application/pdf", size_bytes=len(MINIMAL_PDF), sha256="0" * 64,
                                     uploaded_by=actor)
                receipt.file.save("r.pdf", ContentFile(MINIMAL_PDF), save=False)
                receipt.save()
        elif action == "remove_actual":
            line = ActualLine.objects.filter(report__application=app).order_by("pk").last()
            if line is None:
                raise ValidationError("nothing to remove")  # not a service's refusal: nothing happens
            actuals.remove_actual_line(line, actor=actor, version=version)
        elif action == "add_actual":
            planned = app.requested_yen
            allowed = amounts.allowed_for(planned, app.rule.category_overspend_percent)
            category = data.draw(st.sampled_from([*[self.meeting] * 5, self.food]))
            actuals.add_actual_line(app, actor=actor, version=version, category=category, description="支出",
                                      amount_yen=_amount(data, planned, allowed, planned // 2))
        else:
            kwargs: dict = {"actor": actor, "version": version}
            if action in ("return", "reject", "refuse_change", "return_report"):
                kwargs["comment"] = data.draw(st.sampled_from(["理由", "理由", "理由", "  "]), label="comment")
            if action == "submit":
                pass
            elif action == "award":
                remaining = self.rule.budget_yen - (Award.objects.aggregate(t=Sum("amount_yen"))["t"] or 0)
                kwargs |= {"amount_yen": _amount(data, limit, remaining, self.rule.cap_yen or 0, app.requested_yen),
                           "decision_number": self.number("一協第", Award, "decision_number"), "decided_on": TODAY}
            elif action == "pay_advance":
                kwargs |= {"amount_yen": _amount(data, award, award // 2), "paid_on": TODAY,
                           "idempotency_key": uuid.uuid4()}
            elif action == "request_change":
                kwargs |= {"reason": "参加者が増えた", "description": "会場を広くする",
                           "requested_amount_yen": _amount(data, award, limit, self.rule.cap_yen or 0)}
            elif action == "settle":
                kwargs |= {"notice_number": self.number("一協確第", Settlement, "notice_number"), "settled_on": TODAY}
            elif action in ("pay_final", "refund"):
                kwargs |= {"paid_on": TODAY, "idempotency_key": uuid.uuid4()}
            APPLICATION_WORKFLOW.service_for(action)(app, **kwargs)

    def snapshot(self) -> tuple:
        return (
            list(Application.objects.filter(pk__in=[self.a.pk, self.b.pk]).order_by("pk")
                 .values_list("status", "version")),
            Transition.objects.count(), AuditEvent.objects.count(),
            list(Award.objects.order_by("pk").values_list("amount_yen", "decision_number")),
            list(Payment.objects.order_by("pk").values_list("kind", "amount_yen")),
            list(ChangeRequest.objects.order_by("pk").values_list("status", "requested_amount_yen")),
            list(Settlement.objects.order_by("pk").values_list("settled_yen", flat=True)),
            list(ActualLine.objects.order_by("pk").values_list("amount_yen", flat=True)),
        )

    # ---- what must always hold ------------------------------------------------------------

    def check_invariants(self) -> None:
        rule = self.rule
        total_awarded = 0
        for application in (self.fresh(self.a), self.fresh(self.b)):
            award = Award.objects.filter(application=application).first()
            assert (award is not None) == (application.status in AWARDED_STATES)
            money = amounts.money(application)
            kinds = list(Payment.objects.filter(application=application).values_list("kind", flat=True))
            assert len(kinds) == len(set(kinds))  # at most one payment of each kind
            if award is None:
                assert not kinds
                continue
            total_awarded += award.amount_yen
            assert award.amount_yen <= entitlement_yen(application)
            assert rule.cap_yen is None or award.amount_yen <= rule.cap_yen
            if money.advance_yen:
                assert rule.allows_advance_payment
            settlement = Settlement.objects.filter(application=application).first()
            assert (settlement is not None) == (application.status in ("settled", "closed"))
            if settlement is not None:
                figures = amounts.settlement_figures(application)
                assert settlement.settled_yen <= award.amount_yen == settlement.award_yen
                assert settlement.settled_yen <= settlement.eligible_actuals_yen == figures.eligible_actuals_yen
                assert settlement.settled_yen == min(figures.eligible_actuals_yen, award.amount_yen)
            if application.status == "closed":
                assert money.paid_yen - money.refunded_yen == money.settled_yen
            else:
                assert money.final_yen == money.refunded_yen == 0
        assert total_awarded <= rule.budget_yen


@SETTINGS
@given(data=st.data())
def test_random_actions_keep_the_money_straight(world, data):
    with transaction.atomic():  # each example starts from the same database
        run = Run(world, data)
        # The services use exactly the formula's figure (whose rounding test_formula.py checks).
        for application in (run.a, run.b):
            figure = DistrictFigure.objects.get(district=application.community.district,
                                                fiscal_year=run.rule.fiscal_year)
            assert entitlement_yen(run.fresh(application)) == compute_amount(
                base_yen=run.rule.base_yen, per_household_yen=run.rule.per_household_yen,
                per_resident_yen=run.rule.per_resident_yen, households=figure.households,
                population=figure.population, cap_yen=run.rule.cap_yen, rounding_unit_yen=run.rule.rounding_unit_yen)
        run.check_invariants()
        for _step in range(data.draw(st.integers(8, 24), label="steps")):
            application = data.draw(st.sampled_from([run.a, run.a, run.a, run.b]), label="application")
            status = run.fresh(application).status
            possible = [a.name for a in APPLICATION_WORKFLOW.actions_from(status)]
            possible += list(EDITING) if status in REPORT_EDITABLE else []
            choice = data.draw(st.integers(0, 5), label="how to choose")
            if choice <= 2 and run.forward(application):  # towards closed, so long paths are common
                action = run.forward(application)
            elif choice <= 4 and possible:
                action = data.draw(st.sampled_from(possible), label="action")
            else:
                action = data.draw(st.sampled_from(EVERYTHING), label="action")
            actor = run.actor(application, action)
            before = run.snapshot()
            try:
                with transaction.atomic():
                    run.call(application, action, actor)
            except REFUSALS as refusal:
                event(f"refused: {action} {type(refusal).__name__} {str(refusal)[:60]}")
                assert run.snapshot() == before, f"refused {action} changed something"
            else:
                event(f"done: {action}")
                after = run.snapshot()
                steps = 0 if action in EDITING else 1
                assert after[1] == before[1] + steps, f"{action}: transitions"
                assert after[2] == before[2] + steps, f"{action}: audit events"
                versions_before = [version for _status, version in before[0]]
                versions_after = [version for _status, version in after[0]]
                assert sum(versions_after) == sum(versions_before) + 1, f"{action}: versions"
            run.check_invariants()
        transaction.set_rollback(True)
