"""The application lifecycle as data: states, actions, where each action may start, and who takes it.

No database access: the same tables drive the service guards and the buttons a page shows.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from kyodo.workflows import InvalidTransition as BaseInvalidTransition


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

# action → (the states it may start from, the state it leads to). Anything not listed is forbidden.
ACTIONS: dict[str, tuple[frozenset[ApplicationStatus], ApplicationStatus]] = {
    "submit": (frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED),
    "return": (frozenset({S.SUBMITTED}), S.RETURNED),
    "recommend": (frozenset({S.SUBMITTED}), S.RECOMMENDED),
    "award": (frozenset({S.RECOMMENDED}), S.AWARDED),
    "reject": (frozenset({S.RECOMMENDED}), S.REJECTED),
    "pay_advance": (frozenset({S.AWARDED}), S.AWARDED),  # money moves, the state stays
    "request_change": (frozenset({S.AWARDED}), S.CHANGE_REQUESTED),
    "approve_change": (frozenset({S.CHANGE_REQUESTED}), S.AWARDED),
    "refuse_change": (frozenset({S.CHANGE_REQUESTED}), S.AWARDED),
    "report": (frozenset({S.AWARDED, S.REPORT_RETURNED}), S.REPORTED),
    "return_report": (frozenset({S.REPORTED}), S.REPORT_RETURNED),
    "settle": (frozenset({S.REPORTED}), S.SETTLED),
    "pay_final": (frozenset({S.SETTLED}), S.CLOSED),
    "refund": (frozenset({S.SETTLED}), S.CLOSED),
}

ACTION_TARGETS: dict[str, ApplicationStatus] = {action: target for action, (_sources, target) in ACTIONS.items()}

# state → the states one action can lead to (derived from ACTIONS; for diagrams and checks).
TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    state: frozenset(target for sources, target in ACTIONS.values() if state in sources) for state in S
}

# Which kind of role takes each action; the permission (rules.py) says which users that is.
ACTION_ROLES: dict[str, str] = {
    "submit": "community",  # the applying community's secretariat or officers
    "return": "reviewer",  # branch staff of the community's branch, or the city
    "recommend": "reviewer",
    "award": "decider",  # the city (まちづくり推進課)
    "reject": "decider",
    "pay_advance": "decider",
    "request_change": "community",
    "approve_change": "decider",
    "refuse_change": "decider",
    "report": "community",
    "return_report": "reviewer",
    "settle": "decider",
    "pay_final": "decider",
    "refund": "decider",
}

ACTION_PERMS: dict[str, str] = {
    "community": "grants.prepare_application",
    "reviewer": "grants.review_application",
    "decider": "grants.decide_application",
}

ACTION_LABELS: dict[str, Any] = {  # lazy Japanese labels
    "submit": _("申請する"),
    "return": _("差し戻す"),
    "recommend": _("推薦する"),
    "award": _("交付決定する"),
    "reject": _("不交付とする"),
    "pay_advance": _("概算払を記録する"),
    "request_change": _("変更承認を申請する"),
    "approve_change": _("変更を承認する"),
    "refuse_change": _("変更を承認しない"),
    "report": _("実績を報告する"),
    "return_report": _("実績報告を差し戻す"),
    "settle": _("額を確定する"),
    "pay_final": _("精算払を記録して完了する"),
    "refund": _("返還を記録して完了する"),
}

ACTION_NOUNS: dict[str, Any] = {  # what happened, for timelines
    "submit": _("申請"),
    "return": _("差戻し"),
    "recommend": _("推薦"),
    "award": _("交付決定"),
    "reject": _("不交付決定"),
    "pay_advance": _("概算払"),
    "request_change": _("変更承認申請"),
    "approve_change": _("変更承認"),
    "refuse_change": _("変更不承認"),
    "report": _("実績報告"),
    "return_report": _("実績報告の差戻し"),
    "settle": _("額の確定"),
    "pay_final": _("精算払"),
    "refund": _("返還"),
}

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


class InvalidTransition(BaseInvalidTransition):
    """The application is not in a state that allows this action."""

    def __init__(self, current: str, target: str, action: str = "") -> None:
        self.current = current
        self.target = target
        self.action = action
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.action:
            return gettext("「%(current)s」の申請では「%(action)s」はできません。") % {
                "current": ApplicationStatus(self.current).label,
                "action": ACTION_LABELS[self.action],
            }
        return gettext("「%(current)s」の申請を「%(target)s」にすることはできません。") % {
            "current": ApplicationStatus(self.current).label,
            "target": ApplicationStatus(self.target).label,
        }

    def __str__(self) -> str:
        return self.message


def can_act(current: str, action: str) -> bool:
    """Whether ``action`` may start from the state ``current``."""
    return ApplicationStatus(current) in ACTIONS[action][0]


def ensure_action(current: str, action: str) -> None:
    """Raises InvalidTransition unless ``action`` may start from ``current``."""
    if not can_act(current, action):
        raise InvalidTransition(current, ACTIONS[action][1], action)


def can_transition(current: str, target: str) -> bool:
    return ApplicationStatus(target) in TRANSITIONS.get(ApplicationStatus(current), frozenset())


def ensure_transition(current: str, target: str) -> None:
    """Raises InvalidTransition unless some action leads from ``current`` to ``target``."""
    if not can_transition(current, target):
        raise InvalidTransition(current, target)


def actions_from(current: str) -> list[str]:
    """The actions that may start from ``current``, in the order of ACTIONS."""
    return [action for action in ACTIONS if can_act(current, action)]
