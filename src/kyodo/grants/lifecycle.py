"""After the award: advance payment, change requests, the actuals report, settlement, final payment or refund.

The same shape as ``applications.py``: each action claims the application's version, checks the
state (``workflow.ACTIONS``), the actor's permission and separation of duties, then writes the
objects, a Transition row and an audit event in one transaction. Money follows one identity:
when an application is closed, paid − refunded = settled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.grants import applications
from kyodo.grants.applications import (
    _fresh,
    _guard,
    _require_comment,
    _transition,
    entitlement_yen,
    remaining_budget_yen,
)
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
)
from kyodo.grants.workflow import REPORT_EDITABLE, ApplicationStatus, InvalidTransition
from kyodo.locking import claim_version

# ---- money ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """What has moved for an application, in integer yen."""

    awarded_yen: int
    advance_yen: int
    final_yen: int
    refunded_yen: int
    settled_yen: int | None

    @property
    def paid_yen(self) -> int:
        return self.advance_yen + self.final_yen

    @property
    def net_paid_yen(self) -> int:
        return self.paid_yen - self.refunded_yen

    @property
    def balance_yen(self) -> int | None:
        """Settled − net paid: positive = still to pay, negative = to be refunded (None before settlement)."""
        return None if self.settled_yen is None else self.settled_yen - self.net_paid_yen


def money(application: Application) -> Money:
    """The application's award, payments and settlement (two queries)."""
    by_kind = dict(
        Payment.objects.filter(application=application).values_list("kind").annotate(total=Sum("amount_yen"))
    )
    award = Award.objects.filter(application=application).values_list("amount_yen", flat=True).first()
    settled = Settlement.objects.filter(application=application).values_list("settled_yen", flat=True).first()
    return Money(
        awarded_yen=award or 0,
        advance_yen=by_kind.get(Payment.Kind.ADVANCE, 0),
        final_yen=by_kind.get(Payment.Kind.FINAL, 0),
        refunded_yen=by_kind.get(Payment.Kind.REFUND, 0),
        settled_yen=settled,
    )


def money_problem(application: Application, action: str) -> str:
    """Why the money does not allow ``action`` now (empty if it does, or if the action moves no money)."""
    if action == "pay_advance":
        if not application.rule.allows_advance_payment:
            return _("この年度のルールでは概算払は認められていません。")
        if Payment.objects.filter(application=application, kind=Payment.Kind.ADVANCE).exists():
            return _("概算払はすでに記録されています。")
    elif action in ("pay_final", "refund"):
        balance = money(application).balance_yen
        if balance is None:
            return _("額の確定がまだです。")
        if action == "pay_final" and balance < 0:
            return _("支払済額が確定額を超えているため、返還を記録してください。")
        if action == "refund" and balance >= 0:
            return _("返還の必要はありません(確定額が支払済額以上です)。")
    return ""


def _ensure_money(application: Application, action: str) -> None:
    problem = money_problem(application, action)
    if problem:
        raise ValidationError(problem)


def _whole_yen(value: Any, *, minimum: int, field: str, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError({field: message})
    return value


def _replayed(application: Application, idempotency_key: uuid.UUID | None) -> bool:
    """A payment form submitted again: the first submission's payment stands, nothing more happens."""
    return idempotency_key is not None and Payment.objects.filter(
        application=application, idempotency_key=idempotency_key
    ).exists()


def _record_payment(
    application: Application, *, kind: str, amount_yen: int, paid_on: dt.date, reference: str, actor: Any,
    idempotency_key: uuid.UUID | None,
) -> Payment:
    try:
        with transaction.atomic():
            return Payment.objects.create(
                application=application, kind=kind, amount_yen=amount_yen, paid_on=paid_on,
                reference=reference.strip(), recorded_by=actor, idempotency_key=idempotency_key or uuid.uuid4(),
            )
    except IntegrityError as error:
        raise ValidationError(_("この支払・返還はすでに記録されています。")) from error


# ---- advance payment (概算払) ---------------------------------------------------------------


@transaction.atomic
def pay_advance_application(
    application: Application, *, actor: Any, version: int, amount_yen: int, paid_on: dt.date,
    reference: str = "", idempotency_key: uuid.UUID | None = None, comment: str = "",
) -> Application:
    """Record the advance payment (the city), where the rule allows it: at most the award, once."""
    application = _fresh(application)
    if _replayed(application, idempotency_key):
        return application
    _guard(application, "pay_advance", actor=actor)
    _ensure_money(application, "pay_advance")
    amount = _whole_yen(amount_yen, minimum=1, field="amount_yen", message=_("金額は1円以上の整数で入力してください。"))
    award = application.award.amount_yen
    if amount > award:
        raise ValidationError({"amount_yen": _("概算払の額は交付決定額%(award)s円以内にしてください。") % {
            "award": f"{award:,}"}})
    _transition(application, "pay_advance", actor=actor, version=version, comment=comment,
                data={"kind": "advance", "amount_yen": amount, "paid_on": paid_on, "reference": reference})
    _record_payment(application, kind=Payment.Kind.ADVANCE, amount_yen=amount, paid_on=paid_on,
                    reference=reference, actor=actor, idempotency_key=idempotency_key)
    return application


# ---- change request (変更承認申請) -----------------------------------------------------------


def _amount_limits(application: Application, amount: int, *, field: str) -> None:
    problems = []
    limit = entitlement_yen(application)
    if limit is not None and amount > limit:
        problems.append(_("交付見込額%(limit)s円を超えています。") % {"limit": f"{limit:,}"})
    cap = application.rule.cap_yen
    if cap is not None and amount > cap:
        problems.append(_("上限額%(cap)s円を超えています。") % {"cap": f"{cap:,}"})
    if problems:
        raise ValidationError({field: problems})


@transaction.atomic
def request_change_application(
    application: Application, *, actor: Any, version: int, reason: str, description: str,
    requested_amount_yen: int, comment: str = "",
) -> Application:
    """The community asks to change its awarded application (a new amount and what changes)."""
    application = _fresh(application)
    _guard(application, "request_change", actor=actor)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("変更の理由を入力してください。")
    if not description.strip():
        errors["description"] = _("変更の内容を入力してください。")
    if errors:
        raise ValidationError(errors)
    amount = _whole_yen(requested_amount_yen, minimum=0, field="requested_amount_yen",
                        message=_("変更後の金額は0円以上の整数で入力してください。"))
    _amount_limits(application, amount, field="requested_amount_yen")
    previous = application.award.amount_yen
    _transition(application, "request_change", actor=actor, version=version, comment=comment,
                data={"previous_amount_yen": previous, "requested_amount_yen": amount})
    ChangeRequest.objects.create(
        application=application, reason=reason.strip(), description=description.strip(),
        previous_amount_yen=previous, requested_amount_yen=amount, requested_by=actor,
    )
    return application


def pending_change(application: Application) -> ChangeRequest:
    change = ChangeRequest.objects.filter(application=application, status=ChangeRequest.Status.PENDING).first()
    if change is None:  # the state says there is one; the data disagree
        raise InvalidTransition(application.status, application.status)
    return change


@transaction.atomic
def approve_change_application(
    application: Application, *, actor: Any, version: int, comment: str = ""
) -> Application:
    """Approve the pending change (the city): the award is amended to the requested amount, within
    the entitlement, the cap and the year's remaining budget (this award's own amount counts as free)."""
    application = _fresh(application)
    _guard(application, "approve_change", actor=actor)
    change = pending_change(application)
    award = application.award
    amount = change.requested_amount_yen
    _amount_limits(application, amount, field="comment")
    available = remaining_budget_yen(application.rule) + award.amount_yen
    if amount > available:
        raise ValidationError({"comment": _("この年度の予算残額%(remaining)s円を超えるため承認できません。") % {
            "remaining": f"{available:,}"}})
    _transition(application, "approve_change", actor=actor, version=version, comment=comment,
                data={"previous_amount_yen": award.amount_yen, "amount_yen": amount, "change_request": change.pk})
    award.amount_yen = amount
    award.save(update_fields=["amount_yen"])
    change.status, change.decided_by, change.decided_at = ChangeRequest.Status.APPROVED, actor, timezone.now()
    change.decision_comment = comment
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    return application


@transaction.atomic
def refuse_change_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Refuse the pending change (the city), with a reason; the award stays as it was."""
    application = _fresh(application)
    _guard(application, "refuse_change", actor=actor)
    _require_comment(comment, _("承認しない理由を入力してください。"))
    change = pending_change(application)
    _transition(application, "refuse_change", actor=actor, version=version, comment=comment.strip(),
                data={"change_request": change.pk, "requested_amount_yen": change.requested_amount_yen})
    change.status, change.decided_by, change.decided_at = ChangeRequest.Status.REFUSED, actor, timezone.now()
    change.decision_comment = comment.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    return application


# ---- actuals report (実績報告) ---------------------------------------------------------------


class ReportNotEditable(InvalidTransition):
    """Only an awarded application, or one whose report was returned, takes changes to its report."""

    def __init__(self, current: str) -> None:
        self.current = current
        self.target = current
        self.action = ""
        Exception.__init__(self, self.message)

    @property
    def message(self) -> str:
        label = ApplicationStatus(self.current).label
        return _("「%(current)s」の申請の実績報告は変更できません。") % {"current": label}


def may_edit_report(application: Application, user: Any) -> bool:
    return application.status in REPORT_EDITABLE and user.has_perm("grants.prepare_application", application)


def _lock_report(application: Application, *, actor: Any, version: int) -> ActualsReport:
    from django.core.exceptions import PermissionDenied

    if not actor.has_perm("grants.prepare_application", application):
        raise PermissionDenied(_("この申請の実績報告を変更する権限がありません。"))
    if application.status not in REPORT_EDITABLE:
        raise ReportNotEditable(application.status)
    claim_version(application, version)
    report, _created = ActualsReport.objects.get_or_create(application=application)
    return report


@transaction.atomic
def save_actuals_report(
    application: Application, *, actor: Any, version: int, summary: str, outcomes: str = ""
) -> ActualsReport:
    """Write what was done and what came of it (the community), before reporting."""
    report = _lock_report(application, actor=actor, version=version)
    report.summary, report.outcomes = summary.strip(), outcomes.strip()
    report.save(update_fields=["summary", "outcomes", "updated_at"])
    return report


@transaction.atomic
def add_actual_line(
    application: Application, *, actor: Any, version: int, category: ExpenseCategory, description: str,
    amount_yen: int,
) -> ActualLine:
    """Add a line of actual spending (an eligible category, whole yen ≥ 1)."""
    applications.check_line(application, category, amount_yen)
    report = _lock_report(application, actor=actor, version=version)
    order = (report.lines.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return ActualLine.objects.create(report=report, category=category, description=description.strip(),
                                     amount_yen=amount_yen, order=order)


@transaction.atomic
def update_actual_line(
    line: ActualLine, *, actor: Any, version: int, category: ExpenseCategory, description: str, amount_yen: int
) -> ActualLine:
    application = line.report.application
    applications.check_line(application, category, amount_yen)
    _lock_report(application, actor=actor, version=version)
    line.category, line.description, line.amount_yen = category, description.strip(), amount_yen
    line.save(update_fields=["category", "description", "amount_yen"])
    return line


@transaction.atomic
def remove_actual_line(line: ActualLine, *, actor: Any, version: int) -> None:
    _lock_report(line.report.application, actor=actor, version=version)
    line.delete()


@dataclass(frozen=True)
class CategoryComparison:
    """Planned against actual spending of one expense category."""

    category: ExpenseCategory
    planned_yen: int
    actual_yen: int
    allowed_yen: int  # the most the rule lets the actuals reach in this category

    @property
    def over_yen(self) -> int:
        return max(0, self.actual_yen - self.allowed_yen)


def allowed_for(planned_yen: int, percent: int) -> int:
    """The planned amount plus the rule's tolerance, rounded down to whole yen."""
    allowed = Decimal(planned_yen) * (Decimal(100) + Decimal(percent)) / Decimal(100)
    return int(allowed.to_integral_value(rounding=ROUND_DOWN))


def compare_categories(
    application: Application, actual_lines: Iterable[ActualLine] | None = None
) -> list[CategoryComparison]:
    """Per expense category: planned (application lines), actual (report lines), allowed. Two queries at
    most: none for the plan when its lines are prefetched, none for the actuals when they are given."""
    percent = application.rule.category_overspend_percent
    planned: dict[int, int] = {}
    actual: dict[int, int] = {}
    categories: dict[int, ExpenseCategory] = {}
    prefetched = "lines" in getattr(application, "_prefetched_objects_cache", {})
    plan = application.lines.all() if prefetched else application.lines.select_related("category")
    for line in plan:
        planned[line.category_id] = planned.get(line.category_id, 0) + line.amount_yen
        categories[line.category_id] = line.category
    if actual_lines is None:
        actual_lines = ActualLine.objects.filter(report__application=application).select_related("category")
    for actual_line in actual_lines:
        actual[actual_line.category_id] = actual.get(actual_line.category_id, 0) + actual_line.amount_yen
        categories[actual_line.category_id] = actual_line.category
    ordered = sorted(categories.values(), key=lambda c: (c.order, c.code))
    return [
        CategoryComparison(category=c, planned_yen=planned.get(c.pk, 0), actual_yen=actual.get(c.pk, 0),
                           allowed_yen=allowed_for(planned.get(c.pk, 0), percent))
        for c in ordered
    ]


def report_problems(application: Application) -> list[str]:
    """Everything that stops the actuals report from being submitted (Japanese; empty if none)."""
    problems = []
    report = ActualsReport.objects.filter(application=application).first()
    if report is None or not report.summary.strip():
        problems.append(_("実施した事業の内容を入力してください。"))
    if report is None or not report.lines.exists():
        problems.append(_("支出の明細を1行以上入力してください。"))
    eligible_ids = set(application.rule.eligible_categories.values_list("pk", flat=True))
    percent = application.rule.category_overspend_percent
    for row in compare_categories(application):
        if row.actual_yen and row.category.pk not in eligible_ids:
            problems.append(
                _("「%(category)s」はこの補助金の対象経費ではありません。") % {"category": row.category.name}
            )
        elif row.over_yen and row.planned_yen == 0:
            problems.append(_("「%(category)s」は計画にない経費区分です(支出%(actual)s円)。") % {
                "category": row.category.name, "actual": f"{row.actual_yen:,}"})
        elif row.over_yen:
            problems.append(
                _("「%(category)s」の支出%(actual)s円が計画額%(planned)s円の%(limit)s%%(%(allowed)s円)を超えています。")
                % {"category": row.category.name, "actual": f"{row.actual_yen:,}",
                   "planned": f"{row.planned_yen:,}", "limit": 100 + percent, "allowed": f"{row.allowed_yen:,}"}
            )
    if not Attachment.objects.filter(application=application, kind=Attachment.Kind.RECEIPT).exists():
        problems.append(_("領収書を1件以上添付してください。"))
    return problems


@transaction.atomic
def report_application(application: Application, *, actor: Any, version: int, comment: str = "") -> Application:
    """Submit the actuals report (the community). Raises ValidationError listing every problem."""
    application = _fresh(application)
    _guard(application, "report", actor=actor)
    problems = report_problems(application)
    if problems:
        raise ValidationError(problems)
    total = ActualLine.objects.filter(report__application=application).aggregate(t=Sum("amount_yen"))["t"] or 0
    _transition(application, "report", actor=actor, version=version, comment=comment, data={"actual_total_yen": total})
    ActualsReport.objects.filter(application=application).update(submitted_at=timezone.now())
    return application


@transaction.atomic
def return_report_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Send the actuals report back to the community for correction (reviewer), with a reason."""
    application = _fresh(application)
    _guard(application, "return_report", actor=actor)
    _require_comment(comment, _("差し戻す理由を入力してください。"))
    return _transition(application, "return_report", actor=actor, version=version, comment=comment.strip())


# ---- settlement (額の確定) -------------------------------------------------------------------


@dataclass(frozen=True)
class SettlementFigures:
    award_yen: int
    actual_total_yen: int
    eligible_actuals_yen: int
    settled_yen: int
    net_paid_yen: int

    @property
    def balance_yen(self) -> int:
        """Positive: still to pay; negative: to be refunded."""
        return self.settled_yen - self.net_paid_yen

    @property
    def to_pay_yen(self) -> int:
        return max(self.balance_yen, 0)

    @property
    def to_refund_yen(self) -> int:
        return max(-self.balance_yen, 0)


def settlement_figures(application: Application) -> SettlementFigures:
    """The settled amount = eligible actuals (each category at most its allowed amount), at most the award."""
    eligible_ids = set(application.rule.eligible_categories.values_list("pk", flat=True))
    rows = compare_categories(application)
    actual_total = sum(row.actual_yen for row in rows)
    eligible = sum(min(row.actual_yen, row.allowed_yen) for row in rows if row.category.pk in eligible_ids)
    paid = money(application)
    settled = min(eligible, paid.awarded_yen)
    return SettlementFigures(award_yen=paid.awarded_yen, actual_total_yen=actual_total,
                             eligible_actuals_yen=eligible, settled_yen=settled, net_paid_yen=paid.net_paid_yen)


@transaction.atomic
def settle_application(
    application: Application, *, actor: Any, version: int, notice_number: str, settled_on: dt.date,
    comment: str = "",
) -> Application:
    """Confirm the settled amount (the city): computed from the report, never typed."""
    application = _fresh(application)
    _guard(application, "settle", actor=actor)
    number = notice_number.strip()
    if not number:
        raise ValidationError({"notice_number": _("確定通知番号を入力してください。")})
    if Settlement.objects.filter(notice_number=number).exists():
        raise ValidationError({"notice_number": _("この確定通知番号はすでに使われています。")})
    figures = settlement_figures(application)
    _transition(application, "settle", actor=actor, version=version, comment=comment,
                data={"settled_yen": figures.settled_yen, "eligible_actuals_yen": figures.eligible_actuals_yen,
                      "award_yen": figures.award_yen, "notice_number": number, "settled_on": settled_on})
    Settlement.objects.create(
        application=application, award_yen=figures.award_yen, actual_total_yen=figures.actual_total_yen,
        eligible_actuals_yen=figures.eligible_actuals_yen, settled_yen=figures.settled_yen, notice_number=number,
        settled_on=settled_on, settled_by=actor,
    )
    return application


# ---- final payment or refund, then closed ------------------------------------------------


@transaction.atomic
def pay_final_application(
    application: Application, *, actor: Any, version: int, paid_on: dt.date, reference: str = "",
    idempotency_key: uuid.UUID | None = None, comment: str = "",
) -> Application:
    """Pay what the settlement leaves to pay (the city) and close; nothing to pay closes as well."""
    application = _fresh(application)
    if _replayed(application, idempotency_key):
        return application
    _guard(application, "pay_final", actor=actor)
    _ensure_money(application, "pay_final")
    balance = money(application).balance_yen or 0
    _transition(application, "pay_final", actor=actor, version=version, comment=comment,
                data={"kind": "final", "amount_yen": balance, "paid_on": paid_on, "reference": reference})
    if balance > 0:
        _record_payment(application, kind=Payment.Kind.FINAL, amount_yen=balance, paid_on=paid_on,
                        reference=reference, actor=actor, idempotency_key=idempotency_key)
    return application


@transaction.atomic
def refund_application(
    application: Application, *, actor: Any, version: int, paid_on: dt.date, reference: str = "",
    idempotency_key: uuid.UUID | None = None, comment: str = "",
) -> Application:
    """Record the refund received (返還: advance paid above the settled amount) and close."""
    application = _fresh(application)
    if _replayed(application, idempotency_key):
        return application
    _guard(application, "refund", actor=actor)
    _ensure_money(application, "refund")
    amount = -(money(application).balance_yen or 0)
    _transition(application, "refund", actor=actor, version=version, comment=comment,
                data={"kind": "refund", "amount_yen": amount, "paid_on": paid_on, "reference": reference})
    _record_payment(application, kind=Payment.Kind.REFUND, amount_yen=amount, paid_on=paid_on,
                    reference=reference, actor=actor, idempotency_key=idempotency_key)
    return application


# Every action's service, by the action's name (views and tests dispatch through this).
SERVICES: dict[str, Callable[..., Application]] = {
    "submit": applications.submit_application,
    "return": applications.return_application,
    "recommend": applications.recommend_application,
    "award": applications.award_application,
    "reject": applications.reject_application,
    "pay_advance": pay_advance_application,
    "request_change": request_change_application,
    "approve_change": approve_change_application,
    "refuse_change": refuse_change_application,
    "report": report_application,
    "return_report": return_report_application,
    "settle": settle_application,
    "pay_final": pay_final_application,
    "refund": refund_application,
}
