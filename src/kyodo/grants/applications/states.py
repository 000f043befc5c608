"""The states of a grant application, and which of them mean what (no database access)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("申請済み")
    RETURNED = "returned", _("差戻し")
    RECOMMENDED = "recommended", _("推薦済み")
    AWARDED = "awarded", pgettext_lazy("application status", "交付決定")
    REJECTED = "rejected", _("不交付")
    CHANGE_REQUESTED = "change_requested", _("変更承認申請中")
    REPORTED = "reported", _("実績報告済み")
    REPORT_RETURNED = "report_returned", _("実績報告差戻し")
    SETTLED = "settled", pgettext_lazy("application status", "額の確定")
    CLOSED = "closed", _("完了")


S = ApplicationStatus

NEXT_STEPS: dict[ApplicationStatus, Any] = {  # what the applying community does next, by state
    S.DRAFT: _("経費の明細を入力し、「申請する」を押してください。"),
    S.RETURNED: _("差戻しの理由を確認して内容を直し、もう一度申請してください。"),
    S.SUBMITTED: _("支所で審査中です。"),
    S.RECOMMENDED: _("市で交付の可否を決定中です。"),
    S.AWARDED: _("事業を実施し、期限までに実績報告(内容・支出の明細・領収書)を提出してください。"),
    S.CHANGE_REQUESTED: _("市で変更承認申請を審査中です。"),
    S.REPORTED: _("市で実績報告を確認し、額を確定します。"),
    S.REPORT_RETURNED: _("差戻しの理由を確認して実績報告を直し、もう一度報告してください。"),
    S.SETTLED: _("額が確定しました。精算払または返還の手続きをお待ちください。"),
    S.CLOSED: _("この申請の手続きはすべて完了しました。"),
    S.REJECTED: _("不交付となりました。理由は経過欄をご覧ください。"),
}

# A community of the 本庁 area has no 支所: まちづくり推進課 reviews its applications.
HEAD_OFFICE_NEXT_STEPS: dict[ApplicationStatus, Any] = {S.SUBMITTED: _("まちづくり推進課で審査中です。")}


def next_step(status: str, *, head_office: bool) -> Any:
    """What the applying community does (or waits for) next; ``head_office``: the community is in the 本庁 area."""
    state = ApplicationStatus(status)
    if head_office and state in HEAD_OFFICE_NEXT_STEPS:
        return HEAD_OFFICE_NEXT_STEPS[state]
    return NEXT_STEPS.get(state, "")


# The states in which it is the applying community's turn.
COMMUNITY_TURN: frozenset[ApplicationStatus] = frozenset({S.DRAFT, S.RETURNED, S.AWARDED, S.REPORT_RETURNED})

# The states in which the community may still change its application's plan.
EDITABLE: frozenset[ApplicationStatus] = frozenset({S.DRAFT, S.RETURNED})
# The states in which the community may write its actuals report.
REPORT_EDITABLE: frozenset[ApplicationStatus] = frozenset({S.AWARDED, S.REPORT_RETURNED})
# The states in which an award exists.
AWARDED_STATES: frozenset[ApplicationStatus] = frozenset(
    {S.AWARDED, S.CHANGE_REQUESTED, S.REPORTED, S.REPORT_RETURNED, S.SETTLED, S.CLOSED}
)
FINAL_STATES: frozenset[ApplicationStatus] = frozenset({S.REJECTED, S.CLOSED})
