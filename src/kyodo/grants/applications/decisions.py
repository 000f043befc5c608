"""From submission to the city's decision: submit, return, recommend, award, reject.

Each service is registered on ``APPLICATION_WORKFLOW``: it runs in one transaction on the application
reloaded, after the guard (permission, separation of duties, state). ``APPLICATION_WORKFLOW.move``
then claims the version, moves the state and records the transition, the audit event and the e-mail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kyodo.grants.applications.amounts import entitlement_yen, limit_problems, remaining_budget_yen
from kyodo.grants.applications.budget import create_numbered, locked_remaining_yen
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW as WORKFLOW
from kyodo.grants.models import Application, Award


def require_comment(comment: str, message: str) -> str:
    """The comment, stripped; ValidationError with ``message`` when it is empty."""
    if not comment.strip():
        raise ValidationError({"comment": message})
    return comment.strip()


def submission_problems(application: Application, *, today: dt.date | None = None) -> list[str]:
    """Everything that stops the application from being submitted (Japanese; empty if none)."""
    rule = application.rule
    today = today or timezone.localdate()
    problems = []
    if not rule.application_opens_on <= today <= rule.application_closes_on:
        problems.append(
            _("申請受付期間(%(opens)s〜%(closes)s)外のため申請できません。") % {
                "opens": rule.application_opens_on.isoformat(), "closes": rule.application_closes_on.isoformat()}
        )
    lines = list(application.lines.select_related("category"))
    if not lines:
        problems.append(_("経費の明細を1行以上入力してください。"))
    eligible_ids = set(rule.eligible_categories.values_list("pk", flat=True))
    for line in lines:
        if line.category_id not in eligible_ids:
            problems.append(
                _("「%(category)s」はこの補助金の対象経費ではありません。") % {"category": line.category.name}
            )
    total = sum(line.amount_yen for line in lines)
    limit = entitlement_yen(application)
    if limit is None:
        problems.append(_("交付見込額を計算できないため申請できません(人口・世帯数の登録をご確認ください)。"))
    elif total > limit:
        problems.append(
            _("申請額の合計%(total)s円が交付見込額%(limit)s円を超えています。") % {
                "total": f"{total:,}", "limit": f"{limit:,}"}
        )
    return problems


@WORKFLOW.service("submit")
def submit_application(application: Application, *, actor: Any, version: int, comment: str = "") -> Application:
    """Submit a draft or returned application. Raises PermissionDenied, InvalidTransition,
    StaleObject, or ValidationError listing every problem (window, lines, categories, amount)."""
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    application.submitted_at = timezone.now()
    return WORKFLOW.move(application, "submit", actor=actor, version=version, comment=comment,
                         data={"requested_yen": application.requested_yen}, extra_fields=["submitted_at"])


@WORKFLOW.service("return")
def return_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Send a submitted application back to the community with a comment (required)."""
    reason = require_comment(comment, _("差し戻す理由を入力してください。"))
    return WORKFLOW.move(application, "return", actor=actor, version=version, comment=reason)


@WORKFLOW.service("recommend")
def recommend_application(application: Application, *, actor: Any, version: int, comment: str = "") -> Application:
    """Recommend a submitted application to the city for decision."""
    application.recommended_by = actor
    return WORKFLOW.move(application, "recommend", actor=actor, version=version, comment=comment,
                         extra_fields=["recommended_by"])


DUPLICATE_DECISION = _lazy("この交付決定番号はすでに使われています。")


def award_problems(
    application: Application, *, amount_yen: Any, decision_number: str, lock: bool = False
) -> dict[str, list[str]]:
    """What is wrong with an award's amount and number (Japanese, per field; empty if nothing).
    With ``lock`` (inside the award's transaction) the rule's row is locked before the budget is read."""
    errors: dict[str, list[str]] = {}
    if isinstance(amount_yen, bool) or not isinstance(amount_yen, int) or amount_yen < 0:
        return {"amount_yen": [_("交付決定額は0円以上の整数で入力してください。")]}
    amount = limit_problems(application, amount_yen)
    remaining = locked_remaining_yen(application.rule_id) if lock else remaining_budget_yen(application.rule)
    if amount_yen > remaining:
        amount.append(_("この年度の予算残額%(remaining)s円を超えています。") % {"remaining": f"{remaining:,}"})
    if amount:
        errors["amount_yen"] = amount
    if not decision_number.strip():
        errors["decision_number"] = [_("交付決定番号を入力してください。")]
    elif Award.objects.filter(decision_number=decision_number.strip()).exists():
        errors["decision_number"] = [str(DUPLICATE_DECISION)]
    return errors


@WORKFLOW.service("award")
def award_application(
    application: Application,
    *,
    actor: Any,
    version: int,
    amount_yen: int,
    decision_number: str,
    decided_on: dt.date,
    conditions: str = "",
    comment: str = "",
) -> Application:
    """Award a recommended application (the city). Raises PermissionDenied, SeparationOfDuties,
    InvalidTransition, StaleObject, or ValidationError if the amount exceeds entitlement, cap or
    the remaining budget, or the decision number is taken."""
    errors = award_problems(application, amount_yen=amount_yen, decision_number=decision_number, lock=True)
    if errors:
        raise ValidationError(errors)
    WORKFLOW.move(application, "award", actor=actor, version=version, comment=comment,
                  data={"amount_yen": amount_yen, "decision_number": decision_number.strip(),
                        "decided_on": decided_on})
    create_numbered(
        Award, field="decision_number", message=str(DUPLICATE_DECISION),
        application=application, amount_yen=amount_yen, conditions=conditions,
        decision_number=decision_number.strip(), decided_on=decided_on, decided_by=actor,
    )
    return application


@WORKFLOW.service("reject")
def reject_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Decide not to grant a recommended application (the city); the reason is required."""
    reason = require_comment(comment, _("不交付の理由を入力してください。"))
    return WORKFLOW.move(application, "reject", actor=actor, version=version, comment=reason)
