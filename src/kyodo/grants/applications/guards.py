"""What, beyond state and permission, stops an action on an application: separation of duties,
money that does not allow it, and the states in which the community may edit its plan or report."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.grants.applications.amounts import money
from kyodo.grants.applications.states import EDITABLE, REPORT_EDITABLE
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW, PREPARE
from kyodo.grants.models import Application, Payment
from kyodo.locking import claim_version
from kyodo.workflows import Action, InvalidTransition


@APPLICATION_WORKFLOW.duty_check
def separation_problem(application: Application, user: Any, action: Action) -> str:
    """Why separation of duties forbids ``user`` to take ``action`` (empty if it does not)."""
    if action.role == "community":
        return ""
    if getattr(user, "community_id", None) is not None and user.community_id == application.community_id:
        return _("申請した地域協働体に所属するアカウントでは、審査や決定はできません。")
    if action.role == "reviewer" and user.pk == application.prepared_by_id:
        return _("申請を作成した方は、その申請を審査できません。")
    if action.role == "decider":
        if user.pk == application.prepared_by_id:
            return _("申請を作成した方は、その申請の決定(交付決定・額の確定・支払)はできません。")
        if user.pk == application.recommended_by_id:
            return _("申請を推薦した方は、その申請の決定(交付決定・額の確定・支払)はできません。")
    return ""


@APPLICATION_WORKFLOW.availability_check
def money_problem(application: Application, user: Any, action: Action) -> str:
    """Why the money does not allow ``action`` now (empty if it does, or if the action moves no money)."""
    if action.name == "pay_advance":
        if not application.rule.allows_advance_payment:
            return _("この年度のルールでは概算払は認められていません。")
        if Payment.objects.filter(application=application, kind=Payment.Kind.ADVANCE).exists():
            return _("概算払はすでに記録されています。")
    elif action.name in ("pay_final", "refund"):
        balance = money(application).balance_yen
        if balance is None:
            return _("額の確定がまだです。")
        if action.name == "pay_final" and balance < 0:
            return _("支払済額が確定額を超えているため、返還を記録してください。")
        if action.name == "refund" and balance >= 0:
            return _("返還の必要はありません(確定額が支払済額以上です)。")
    return ""


@APPLICATION_WORKFLOW.availability_check
def window_problem(application: Application, user: Any, action: Action) -> str:
    """Why the application may not be submitted today: outside the year's application window."""
    if action.name != "submit":
        return ""
    rule, today = application.rule, timezone.localdate()
    if rule.application_opens_on <= today <= rule.application_closes_on:
        return ""
    return _("申請受付期間(%(opens)s〜%(closes)s)外のため申請できません。") % {
        "opens": rule.application_opens_on.isoformat(), "closes": rule.application_closes_on.isoformat()}


@APPLICATION_WORKFLOW.role_describer
def role_holder(application: Application, role: str) -> str:
    """Who reviews or decides this application: its community's 支所, or まちづくり推進課 for the 本庁 area."""
    if role == "reviewer":
        branch = application.community.district.branch_office
        if branch.is_head_office:
            return _("まちづくり推進課(本庁地域の地域協働体の審査)")
        return _("%(branch)sの職員(またはまちづくり推進課)") % {"branch": branch.name}
    if role == "decider":
        return _("まちづくり推進課の、申請を推薦した職員とは別の職員")
    return ""


def may_edit(application: Application, user: Any) -> bool:
    """The community may still change the application's plan (draft or returned)."""
    return application.status in EDITABLE and user.has_perm(PREPARE, application)


def may_edit_report(application: Application, user: Any) -> bool:
    """The community may write its actuals report (awarded, or the report was returned)."""
    return application.status in REPORT_EDITABLE and user.has_perm(PREPARE, application)


def claim_for_edit(application: Application, *, actor: Any, version: int, report: bool = False) -> None:
    """Before the community changes its plan (or, with ``report``, its actuals report): permission,
    a state that allows it, and the version. Raises PermissionDenied, InvalidTransition, StaleObject."""
    if not actor.has_perm(PREPARE, application):
        raise PermissionDenied(_("この申請を変更する権限がありません。"))
    states = REPORT_EDITABLE if report else EDITABLE
    if application.status not in states:
        label = APPLICATION_WORKFLOW.label(application.status)
        if report:
            raise InvalidTransition(_("「%(current)s」の申請の実績報告は変更できません。") % {"current": label})
        raise InvalidTransition(
            _("「%(current)s」の申請は変更できません(下書きか差戻しの申請だけ変更できます)。") % {"current": label})
    claim_version(application, version)
