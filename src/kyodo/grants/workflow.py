"""The application lifecycle as data: states, allowed transitions, and who takes each action.

No database access: the same tables drive the service guards and the buttons a page shows.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("申請済み")
    RETURNED = "returned", _("差戻し")
    RECOMMENDED = "recommended", _("推薦済み")
    AWARDED = "awarded", _("交付決定")
    REJECTED = "rejected", _("不交付")


S = ApplicationStatus

# Anything not listed is forbidden.
TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.RETURNED, S.RECOMMENDED}),
    S.RETURNED: frozenset({S.SUBMITTED}),
    S.RECOMMENDED: frozenset({S.AWARDED, S.REJECTED}),
    S.AWARDED: frozenset(),
    S.REJECTED: frozenset(),
}

# Each action leads to one state.
ACTION_TARGETS: dict[str, ApplicationStatus] = {
    "submit": S.SUBMITTED,
    "return": S.RETURNED,
    "recommend": S.RECOMMENDED,
    "award": S.AWARDED,
    "reject": S.REJECTED,
}

# Which kind of role takes each action; the permission (rules.py) says which users that is.
ACTION_ROLES: dict[str, str] = {
    "submit": "community",  # the applying community's secretariat or officers
    "return": "reviewer",  # branch staff of the community's branch, or the city
    "recommend": "reviewer",
    "award": "decider",  # the city (まちづくり推進課)
    "reject": "decider",
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
}

# The states in which the community may still change its application.
EDITABLE: frozenset[ApplicationStatus] = frozenset({S.DRAFT, S.RETURNED})


class InvalidTransition(Exception):
    """The application is not in a state that allows this action."""

    def __init__(self, current: str, target: str) -> None:
        self.current = current
        self.target = target
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return gettext("「%(current)s」の申請を「%(target)s」にすることはできません。") % {
            "current": ApplicationStatus(self.current).label,
            "target": ApplicationStatus(self.target).label,
        }

    def __str__(self) -> str:
        return self.message


def can_transition(current: str, target: str) -> bool:
    return ApplicationStatus(target) in TRANSITIONS.get(ApplicationStatus(current), frozenset())


def ensure_transition(current: str, target: str) -> None:
    """Raises InvalidTransition unless ``current`` → ``target`` is in TRANSITIONS."""
    if not can_transition(current, target):
        raise InvalidTransition(current, target)


def actions_from(current: str) -> list[str]:
    """The actions TRANSITIONS allows from ``current``, in the order of ACTION_TARGETS."""
    return [action for action, target in ACTION_TARGETS.items() if can_transition(current, target)]
