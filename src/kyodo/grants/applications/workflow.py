"""The application lifecycle, declared once: each action's source states, target, role, permission,
label, timeline noun, done message and form. Services, page buttons, URLs and the diagram in
docs/workflows/grant_application.md all come from ``APPLICATION_WORKFLOW``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.grants.applications import forms
from kyodo.grants.applications.states import (
    AWARDED_STATES,
    COMMUNITY_TURN,
    EDITABLE,
    FINAL_STATES,
    NEXT_STEPS,
    REPORT_EDITABLE,
    ApplicationStatus,
)
from kyodo.workflows import Action, InvalidTransition, Workflow

__all__ = [
    "APPLICATION_WORKFLOW", "AWARDED_STATES", "COMMUNITY_TURN", "EDITABLE", "FINAL_STATES", "NEXT_STEPS",
    "REPORT_EDITABLE", "ApplicationStatus", "InvalidTransition",
]

S = ApplicationStatus
PREPARE = "grants.prepare_application"
REVIEW = "grants.review_application"
DECIDE = "grants.decide_application"


def _describe(application: Any) -> str:
    return (f"{application.community.name} {application.program.name} "
            f"{application.fiscal_year_obj.wareki}の申請")


def _reload(application: Any) -> Any:
    from kyodo.grants.models import Application

    return Application.objects.select_related("community__district", "program", "rule").get(pk=application.pk)


def _action(name: str, sources: set[S], target: S, role: str, label: Any, noun: Any, done: Any,
            **options: Any) -> Action:
    permission = {"community": PREPARE, "reviewer": REVIEW, "decider": DECIDE}[role]
    return Action(name, frozenset(sources), target, role, permission, label, noun, done, **options)


APPLICATION_WORKFLOW = Workflow(
    "grant_application",
    states=ApplicationStatus,
    subject=pgettext_lazy("workflow subject", "申請"),
    transition_model="grants.Transition",
    subject_field="application",
    default_form=forms.ActionForm,
    describe=_describe,
    reload=_reload,
    roles={
        "community": _("申請した地域協働体の事務局・役員"),
        "reviewer": _("地域協働体を担当する支所の職員またはまちづくり推進課"),
        "decider": _("まちづくり推進課"),
    },
    actions=[
        _action("submit", {S.DRAFT, S.RETURNED}, S.SUBMITTED, "community",
                _("申請する"), _("申請"), _("申請しました。"),
                confirm=_("申請すると、差し戻されない限り内容を変更できなくなります。申請しますか。")),
        _action("return", {S.SUBMITTED}, S.RETURNED, "reviewer",
                _("差し戻す"), _("差戻し"), _("申請を差し戻しました。"), refusal=True),
        _action("recommend", {S.SUBMITTED}, S.RECOMMENDED, "reviewer",
                _("推薦する"), _("推薦"), _("申請を推薦しました。")),
        _action("award", {S.RECOMMENDED}, S.AWARDED, "decider",
                _("交付決定する"), _("交付決定"), _("交付決定しました。"), form=forms.AwardForm,
                confirm=_("交付決定すると地域協働体に通知され、取り消せません。交付決定しますか。")),
        _action("reject", {S.RECOMMENDED}, S.REJECTED, "decider",
                _("不交付とする"), _("不交付決定"), _("不交付としました。"), refusal=True,
                confirm=_("不交付とするとこの申請の手続きは終わり、取り消せません。不交付としますか。")),
        # Money moves, the state stays.
        _action("pay_advance", {S.AWARDED}, S.AWARDED, "decider",
                _("概算払を記録する"), _("概算払"), _("概算払を記録しました。"), form=forms.AdvancePaymentForm),
        _action("request_change", {S.AWARDED}, S.CHANGE_REQUESTED, "community",
                _("変更承認を申請する"), _("変更承認申請"), _("変更承認を申請しました。"),
                form=forms.ChangeRequestForm, hint=_("事業の内容や金額を変える必要があるときだけ申請します。")),
        _action("approve_change", {S.CHANGE_REQUESTED}, S.AWARDED, "decider",
                _("変更を承認する"), _("変更承認"), _("変更を承認し、交付決定額を変更しました。")),
        _action("refuse_change", {S.CHANGE_REQUESTED}, S.AWARDED, "decider",
                _("変更を承認しない"), _("変更不承認"), _("変更を承認しないこととしました。"), refusal=True),
        _action("report", {S.AWARDED, S.REPORT_RETURNED}, S.REPORTED, "community",
                _("実績を報告する"), _("実績報告"), _("実績を報告しました。")),
        _action("return_report", {S.REPORTED}, S.REPORT_RETURNED, "reviewer",
                _("実績報告を差し戻す"), _("実績報告の差戻し"), _("実績報告を差し戻しました。"), refusal=True),
        _action("settle", {S.REPORTED}, S.SETTLED, "decider",
                _("額を確定する"), _("額の確定"), _("額を確定しました。"), form=forms.SettleForm,
                confirm=_("額を確定すると実績報告と確定額は変更できなくなります。確定しますか。")),
        _action("pay_final", {S.SETTLED}, S.CLOSED, "decider",
                _("精算払を記録して完了する"), _("精算払"), _("精算払を記録し、手続きを完了しました。"),
                form=forms.FinalPaymentForm,
                confirm=_("精算払を記録するとこの申請の手続きは完了し、取り消せません。記録しますか。")),
        _action("refund", {S.SETTLED}, S.CLOSED, "decider",
                _("返還を記録して完了する"), _("返還"), _("返還を記録し、手続きを完了しました。"),
                form=forms.RefundForm,
                confirm=_("返還を記録するとこの申請の手続きは完了し、取り消せません。記録しますか。")),
    ],
)
