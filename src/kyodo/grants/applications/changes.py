"""変更承認申請: the community asks to change its awarded application; the city approves or refuses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.grants.applications.amounts import limit_problems
from kyodo.grants.applications.budget import locked_remaining_yen
from kyodo.grants.applications.decisions import require_comment
from kyodo.grants.applications.payments import whole_yen
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW as WORKFLOW
from kyodo.grants.models import Application, ChangeRequest


@WORKFLOW.service("request_change")
def request_change_application(
    application: Application, *, actor: Any, version: int, reason: str, description: str,
    requested_amount_yen: int, comment: str = "",
) -> Application:
    """The community asks to change its awarded application (a new amount and what changes)."""
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("変更の理由を入力してください。")
    if not description.strip():
        errors["description"] = _("変更の内容を入力してください。")
    if errors:
        raise ValidationError(errors)
    amount = whole_yen(requested_amount_yen, minimum=0, field="requested_amount_yen",
                       message=_("変更後の金額は0円以上の整数で入力してください。"))
    problems = limit_problems(application, amount)
    if problems:
        raise ValidationError({"requested_amount_yen": problems})
    previous = application.award.amount_yen
    WORKFLOW.move(application, "request_change", actor=actor, version=version, comment=comment,
                  data={"previous_amount_yen": previous, "requested_amount_yen": amount})
    ChangeRequest.objects.create(
        application=application, reason=reason.strip(), description=description.strip(),
        previous_amount_yen=previous, requested_amount_yen=amount, requested_by=actor,
    )
    return application


def pending_change(application: Application, action: str) -> ChangeRequest:
    """The change request waiting for the city's decision (InvalidTransition if, against the state, none)."""
    change = ChangeRequest.objects.filter(application=application, status=ChangeRequest.Status.PENDING).first()
    if change is None:
        raise WORKFLOW.invalid(application.status, action)
    return change


def _decide(change: ChangeRequest, status: str, *, actor: Any, comment: str) -> None:
    change.status, change.decided_by, change.decided_at = status, actor, timezone.now()
    change.decision_comment = comment
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])


@WORKFLOW.service("approve_change")
def approve_change_application(
    application: Application, *, actor: Any, version: int, comment: str = ""
) -> Application:
    """Approve the pending change (the city): the award is amended to the requested amount, within
    the entitlement, the cap and the year's remaining budget (this award's own amount counts as free)."""
    change = pending_change(application, "approve_change")
    award = application.award
    amount = change.requested_amount_yen
    problems = limit_problems(application, amount)
    if problems:
        raise ValidationError({"comment": problems})
    available = locked_remaining_yen(application.rule_id) + award.amount_yen
    if amount > available:
        raise ValidationError({"comment": _("この年度の予算残額%(remaining)s円を超えるため承認できません。") % {
            "remaining": f"{available:,}"}})
    WORKFLOW.move(application, "approve_change", actor=actor, version=version, comment=comment,
                  data={"previous_amount_yen": award.amount_yen, "amount_yen": amount, "change_request": change.pk})
    award.amount_yen = amount
    award.save(update_fields=["amount_yen"])
    _decide(change, ChangeRequest.Status.APPROVED, actor=actor, comment=comment)
    return application


@WORKFLOW.service("refuse_change")
def refuse_change_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Refuse the pending change (the city), with a reason; the award stays as it was."""
    reason = require_comment(comment, _("承認しない理由を入力してください。"))
    change = pending_change(application, "refuse_change")
    WORKFLOW.move(application, "refuse_change", actor=actor, version=version, comment=reason,
                  data={"change_request": change.pk, "requested_amount_yen": change.requested_amount_yen})
    _decide(change, ChangeRequest.Status.REFUSED, actor=actor, comment=reason)
    return application
