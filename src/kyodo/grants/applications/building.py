"""Applications put straight into a state, with every object that state implies: one builder for the
demo data, the tests and the benchmark.

The services are how people move an application; this module is how kyodo makes worlds to show and to
test (a past year's application cannot be submitted through the services: its window is closed). What
exists in each state is written here once: the award from ``awarded`` on, a pending change request in
``change_requested``, the actuals report (with a receipt) from ``reported`` on, the settlement — computed
as ``amounts.settlement_figures`` computes it — from ``settled`` on, and the final payment or refund in
``closed``; and a timeline of Transition rows that follows ``APPLICATION_WORKFLOW`` step by step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import models

from kyodo.grants.applications.amounts import allowed_for
from kyodo.grants.applications.states import ApplicationStatus
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW
from kyodo.grants.models import (
    ActualLine,
    ActualsReport,
    Application,
    Attachment,
    Award,
    ChangeRequest,
    ExpenseCategory,
    Payment,
    Settlement,
    Transition,
)

S = ApplicationStatus

# The main road to each state (without the detours a Story may add).
PATHS: dict[str, list[str]] = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.RETURNED: ["submit", "return"],
    S.RECOMMENDED: ["submit", "recommend"],
    S.AWARDED: ["submit", "recommend", "award"],
    S.REJECTED: ["submit", "recommend", "reject"],
    S.CHANGE_REQUESTED: ["submit", "recommend", "award", "request_change"],
    S.REPORTED: ["submit", "recommend", "award", "report"],
    S.REPORT_RETURNED: ["submit", "recommend", "award", "report", "return_report"],
    S.SETTLED: ["submit", "recommend", "award", "report", "settle"],
    S.CLOSED: ["submit", "recommend", "award", "report", "settle", "pay_final"],
}

COMMENTS = {
    "return": "見積書を添付してください。",
    "reject": "補助対象となる事業が含まれていないため。",
    "request_change": "参加者の減少に伴い事業を縮小するため。",
    "approve_change": "変更内容は妥当と認めます。",
    "return_report": "領収書の金額と明細が一致しないため、確認してください。",
}
REFERENCES = {Payment.Kind.ADVANCE: "支出命令", Payment.Kind.FINAL: "支出命令", Payment.Kind.REFUND: "調定"}

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

# (action, its position in the path) → when it happened: a pure function, asked in any order.
Clock = Callable[[str, int], dt.datetime]


@dataclass(frozen=True)
class Story:
    """How an application came to its state: the road, with the detours it took on the way."""

    state: str
    advance_percent: int = 0  # an advance payment of this share of the award (100: all of it, then a refund)
    changed_percent: int = 0  # an approved change to this share of the award before the report
    pending_change_yen: int | None = None  # in change_requested: the amount asked for (default: the award)
    report_returned_once: bool = False  # the report was returned once, then reported again
    actual_percent: int = 100  # the actual spending, as a share of each planned line
    with_receipt: bool = True  # a receipt file with the report (the benchmark keeps files out)

    @property
    def awarded(self) -> bool:
        return "award" in PATHS[self.state]

    def steps(self, *, refund: bool = False) -> list[str]:
        """The actions from draft to the state, detours included (``refund``: closed by a refund)."""
        steps = list(PATHS[self.state])
        if self.advance_percent and "award" in steps:
            steps.insert(steps.index("award") + 1, "pay_advance")
        if self.changed_percent and "report" in steps:
            at = steps.index("report")
            steps[at:at] = ["request_change", "approve_change"]
        if self.report_returned_once and "settle" in steps:
            at = steps.index("report") + 1
            steps[at:at] = ["return_report", "report"]
        if refund and steps and steps[-1] == "pay_final":
            steps[-1] = "refund"
        return steps

    def application_fields(self, cast: Cast, clock: Clock) -> dict[str, Any]:
        """The application's own fields in this state (for creating it; ``clock`` as for ``build``)."""
        steps = self.steps()
        return {
            "status": self.state,
            "submitted_at": clock("submit", 0) if steps else None,
            "recommended_by": cast.reviewer if "recommend" in steps else None,
        }


@dataclass(frozen=True)
class Cast:
    """Who took the steps: the community's preparer, the reviewer (branch), the decider (city)."""

    preparer: Any
    reviewer: Any
    decider: Any

    def for_role(self, role: str) -> Any:
        return {"community": self.preparer, "reviewer": self.reviewer, "decider": self.decider}[role]


@dataclass
class Built:
    """One application's objects in its state, not yet saved."""

    application: Application
    award: Award | None = None
    change_requests: list[ChangeRequest] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    report: ActualsReport | None = None
    actual_lines: list[ActualLine] = field(default_factory=list)
    receipt: Attachment | None = None
    settlement: Settlement | None = None
    transitions: list[Transition] = field(default_factory=list)


def _thousands(amount: int) -> int:
    return amount // 1000 * 1000


PlanLine = tuple[ExpenseCategory, int, str]  # category, amount in yen, description


def build(
    application: Application, story: Story, cast: Cast, *, clock: Clock, number: str, lines: Iterable[PlanLine],
    eligible_ids: set[int],
) -> Built:
    """The objects ``application`` (saved, in ``story.state``, with the plan ``lines``) has, unsaved.

    ``clock`` is asked once per step, in order; ``number`` makes the decision, notice and payment numbers."""
    built = Built(application)
    plan = list(lines)
    steps = story.steps()
    moments = [clock(action, index) for index, action in enumerate(steps)]
    at = dict(zip(steps, moments, strict=True))  # each action's last time
    award_yen = sum(amount for _category, amount, _description in plan)
    advance_yen = 0
    if story.awarded:
        built.award = Award(application=application, amount_yen=award_yen, decided_on=at["award"].date(),
                            decided_by=cast.decider, decision_number=f"一協第{number}号",
                            conditions="実績報告書を期限までに提出すること。")
        if story.advance_percent:
            advance_yen = award_yen if story.advance_percent >= 100 else _thousands(
                award_yen * story.advance_percent // 100)
            built.payments.append(_payment(application, Payment.Kind.ADVANCE, advance_yen, at["pay_advance"], cast,
                                           number))
        if story.changed_percent and "approve_change" in at:
            changed = _thousands(award_yen * story.changed_percent // 100)
            built.change_requests.append(ChangeRequest(
                application=application, reason=COMMENTS["request_change"], description="講演会を1回取りやめます。",
                previous_amount_yen=award_yen, requested_amount_yen=changed, requested_by=cast.preparer,
                requested_at=at["request_change"], status=ChangeRequest.Status.APPROVED, decided_by=cast.decider,
                decided_at=at["approve_change"], decision_comment=COMMENTS["approve_change"]))
            award_yen = built.award.amount_yen = changed
        if story.state == S.CHANGE_REQUESTED:
            built.change_requests.append(ChangeRequest(
                application=application, reason="参加者が増える見込みのため。",
                description="会場を広い施設に変更します。", previous_amount_yen=award_yen,
                requested_amount_yen=story.pending_change_yen or award_yen, requested_by=cast.preparer,
                requested_at=at["request_change"]))
        if "report" in at:
            _report(built, story, cast, plan, at["report"])
        if "settle" in at:
            _settle(built, story, cast, plan, eligible_ids, award_yen, advance_yen, at, number)
    if any(payment.kind == Payment.Kind.REFUND for payment in built.payments):
        steps = story.steps(refund=True)
    built.transitions = _timeline(application, steps, moments, cast)
    return built


def _payment(
    application: Application, kind: Payment.Kind, amount: int, when: dt.datetime, cast: Cast, number: str
) -> Payment:
    return Payment(application=application, kind=kind, amount_yen=amount, paid_on=when.date(),
                   reference=f"{REFERENCES[kind]}第{number}号", recorded_by=cast.decider)


def _report(built: Built, story: Story, cast: Cast, plan: list[PlanLine], when: dt.datetime) -> None:
    application = built.application
    built.report = ActualsReport(application=application, summary="防災訓練を2回、見守り活動を毎月実施しました。",
                                 outcomes="延べ150人が参加しました。", submitted_at=when)
    built.actual_lines = [
        ActualLine(report=built.report, category=category, description=description, order=order,
                   amount_yen=amount * story.actual_percent // 100)
        for order, (category, amount, description) in enumerate(plan, start=1)
    ]
    if story.with_receipt:
        built.receipt = Attachment(application=application, kind=Attachment.Kind.RECEIPT, original_name="領収書.pdf",
                                   content_type="application/pdf", size_bytes=len(MINIMAL_PDF),
                                   sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(), uploaded_by=cast.preparer)


def _settle(built: Built, story: Story, cast: Cast, plan: list[PlanLine], eligible_ids: set[int],
            award_yen: int, advance_yen: int, at: dict[str, dt.datetime], number: str) -> None:
    """As ``amounts.settlement_figures``: eligible actuals (each category at most its allowed amount), at
    most the award; then, when closed, the final payment or the refund of what the advance overpaid."""
    percent = built.application.rule.category_overspend_percent
    planned: dict[int, int] = {}
    actual: dict[int, int] = {}
    for (category, amount, _description), line in zip(plan, built.actual_lines, strict=True):
        planned[category.pk] = planned.get(category.pk, 0) + amount
        actual[category.pk] = actual.get(category.pk, 0) + line.amount_yen
    eligible = sum(min(spent, allowed_for(planned[pk], percent)) for pk, spent in actual.items() if pk in eligible_ids)
    settled = min(eligible, award_yen)
    built.settlement = Settlement(
        application=built.application, award_yen=award_yen, actual_total_yen=sum(actual.values()),
        eligible_actuals_yen=eligible, settled_yen=settled, notice_number=f"一協確第{number}号",
        settled_on=at["settle"].date(), settled_by=cast.decider)
    balance = settled - advance_yen
    if story.state == S.CLOSED and balance:
        kind = Payment.Kind.FINAL if balance > 0 else Payment.Kind.REFUND
        built.payments.append(_payment(built.application, kind, abs(balance), at["pay_final"], cast, number))


def _timeline(application: Application, steps: list[str], moments: list[dt.datetime], cast: Cast) -> list[Transition]:
    transitions = []
    status: str = S.DRAFT
    for action, moment in zip(steps, moments, strict=True):
        step = APPLICATION_WORKFLOW.action(action)
        if not step.starts_from(status):  # the builder follows the workflow, or it is a bug
            raise RuntimeError(f"path to {steps[-1]}: {action} cannot start from {status}")
        transitions.append(Transition(application=application, from_status=status, to_status=step.target,
                                      action=action, actor=cast.for_role(step.role),
                                      comment=COMMENTS.get(action, ""), occurred_at=moment))
        status = step.target
    if status != application.status:
        raise RuntimeError(f"the path ends in {status}, not {application.status}")
    return transitions


@contextlib.contextmanager
def _keeping_timestamps() -> Iterator[None]:
    """Keep the dates the builder chose: ``auto_now_add`` would stamp every row "now"."""
    stamped = [Transition._meta.get_field("occurred_at"), ChangeRequest._meta.get_field("requested_at")]
    for stamp in stamped:
        stamp.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for stamp in stamped:
            stamp.auto_now_add = True  # type: ignore[attr-defined]


def _save_receipt(receipt: Attachment) -> None:
    receipt.file.save("receipt.pdf", ContentFile(MINIMAL_PDF), save=False)
    receipt.save()


def save(built: Built) -> Built:
    """Save one application's objects (the demo and the tests)."""
    with _keeping_timestamps():
        for obj in (built.award, *built.change_requests, *built.payments, built.report, *built.actual_lines,
                    built.settlement, *built.transitions):
            if obj is not None:
                obj.save()
    if built.receipt is not None:
        _save_receipt(built.receipt)
    return built


def bulk_save(builts: list[Built], *, batch_size: int = 5000) -> None:
    """Save many applications' objects with one INSERT per table and batch (the benchmark)."""

    def insert(model: type[models.Model], rows: list[Any]) -> None:
        model._default_manager.bulk_create(rows, batch_size=batch_size)

    with _keeping_timestamps():
        insert(Award, [b.award for b in builts if b.award is not None])
        insert(ChangeRequest, [c for b in builts for c in b.change_requests])
        insert(Payment, [p for b in builts for p in b.payments])
        insert(ActualsReport, [b.report for b in builts if b.report is not None])
        insert(ActualLine, [line for b in builts for line in b.actual_lines])
        insert(Settlement, [b.settlement for b in builts if b.settlement is not None])
        insert(Transition, [t for b in builts for t in b.transitions])
    for built in builts:
        if built.receipt is not None:
            _save_receipt(built.receipt)


def clear(application: Application) -> None:
    """Remove every object of the application's state (to build it again in another state)."""
    Payment.objects.filter(application=application).delete()
    Settlement.objects.filter(application=application).delete()
    ActualLine.objects.filter(report__application=application).delete()
    ActualsReport.objects.filter(application=application).delete()
    Attachment.objects.filter(application=application).delete()
    ChangeRequest.objects.filter(application=application).delete()
    Award.objects.filter(application=application).delete()
    Transition.objects.filter(application=application).delete()
