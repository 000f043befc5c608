"""How the audit log's codes read on the staff pages: actions and object types in Japanese.

An action is ``<subject>.<verb>`` ("grant_application.award", "account.role_granted"). A workflow's
transition reads as the workflow's own noun for it; other actions are put together from the two small
tables below; an action neither knows is shown as its code.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SUBJECT_LABELS: dict[str, Any] = {
    "account": pgettext_lazy("audit subject", "アカウント"),
    "plans": pgettext_lazy("audit subject", "推進計画"),
    "community_plan": pgettext_lazy("audit subject", "地域づくり計画"),
    "community_standing": pgettext_lazy("audit subject", "地域協働体"),
    "grant_application": pgettext_lazy("audit subject", "交付申請"),
    "grant_rule": pgettext_lazy("audit subject", "補助金の年度ルール"),
    "grant_scenario": pgettext_lazy("audit subject", "配分案"),
    "grant_attachment": pgettext_lazy("audit subject", "交付申請の添付書類"),
    "event": pgettext_lazy("audit subject", "研修会・交流会"),
    "event_kind": pgettext_lazy("audit subject", "研修会・交流会の種類"),
    "event_registration": pgettext_lazy("audit subject", "研修会・交流会の申込み"),
    "opportunity": pgettext_lazy("audit subject", "ボランティア募集"),
    "opportunity_signup": pgettext_lazy("audit subject", "ボランティアの申込み"),
    "opinion": pgettext_lazy("audit subject", "意見・要望・提案"),
    "opinion_category": pgettext_lazy("audit subject", "意見の分類"),
    "meeting": pgettext_lazy("audit subject", "会議"),
    "meeting_kind": pgettext_lazy("audit subject", "会議の種類"),
    "meeting_request": pgettext_lazy("audit subject", "会議の開催依頼"),
    "meeting_attachment": pgettext_lazy("audit subject", "会議の添付資料"),
    "liaison": pgettext_lazy("audit subject", "地域担当職員"),
    "staff_dispatch": pgettext_lazy("audit subject", "職員派遣"),
    "consultation": pgettext_lazy("audit subject", "相談・助言"),
    "consultation_topic": pgettext_lazy("audit subject", "相談の分類"),
    "contact": pgettext_lazy("audit subject", "連絡記録"),
    "practice_report": pgettext_lazy("audit subject", "活動事例"),
}

VERB_LABELS: dict[str, Any] = {
    "create": pgettext_lazy("audit action", "作成"),
    "created": pgettext_lazy("audit action", "作成"),
    "update": pgettext_lazy("audit action", "変更"),
    "updated": pgettext_lazy("audit action", "変更"),
    "changed": pgettext_lazy("audit action", "変更"),
    "edited": pgettext_lazy("audit action", "変更"),
    "save": pgettext_lazy("audit action", "保存"),
    "saved": pgettext_lazy("audit action", "保存"),
    "deleted": pgettext_lazy("audit action", "削除"),
    "added": pgettext_lazy("audit action", "追加"),
    "removed": pgettext_lazy("audit action", "削除"),
    "role_granted": _("役割の付与"),
    "role_removed": _("役割の解除"),
    "rights_changed": _("管理者権限の変更"),
    "password_reset": _("パスワードの再設定"),
    "deactivated": _("利用停止"),
    "reactivated": _("利用再開"),
    "assigned": _("任命"),
    "ended": _("任期終了"),
    "reminded": _("督促"),
    "adopted": _("策定・採用"),
    "revised": _("改定"),
    "logged": _("記録"),
    "record": _("記録"),
    "anonymise": _("匿名化"),
    "participants_viewed": _("参加者名簿の閲覧"),
    "signups_viewed": _("申込者名簿の閲覧"),
    "training_history_viewed": _("研修受講歴の閲覧"),
}
# "plans.measure_created": the plan app's actions name the object in the verb.
PLAN_OBJECT_LABELS: dict[str, Any] = {
    "plan": _("推進計画"), "policy": _("基本方針"), "measure": _("施策・事業"), "schedule": _("実施年度"),
    "department": _("所管課"),
}


def action_label(action: str) -> str:
    """The action in words (「交付申請: 交付決定」), or its code when it is not known."""
    from kyodo.workflows.registry import REGISTRY

    subject, _dot, verb = action.partition(".")
    workflow = REGISTRY.get(subject)
    subject_label = SUBJECT_LABELS.get(subject)
    if workflow is not None and verb in workflow.actions:
        return f"{subject_label or workflow.subject}: {workflow.actions[verb].noun}"
    if subject == "plans":
        thing, _underscore, what = verb.partition("_")
        if thing in PLAN_OBJECT_LABELS and what in VERB_LABELS:
            return f"{PLAN_OBJECT_LABELS[thing]}: {VERB_LABELS[what]}"
    if subject_label is not None and verb in VERB_LABELS:
        return f"{subject_label}: {VERB_LABELS[verb]}"
    return action


def model_for(object_type: str) -> Any:
    """The model class named ``app_label.modelname``, or None."""
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """The object type by its model's verbose name (「交付申請」), or its code."""
    model = model_for(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type
