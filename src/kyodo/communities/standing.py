"""A community's standing, declared as a workflow: 設立準備中(準備会) → 設立済み, and back when corrected.

The city and the community's branch change it on the community's edit page; each change is a row of the
community's status timeline and an audit event (``COMMUNITY_STANDING.record``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyodo.communities.models import Community
from kyodo.workflows import Action, Workflow

CHANGE_STANDING = "communities.change_community_standing"
S = Community.Status

COMMUNITY_STANDING = Workflow(
    "community_standing",
    states=S,
    subject=_("地域協働体"),
    transition_model="communities.StatusTransition",
    subject_field="community",
    initial=S.FORMING,
    roles={"city": _("まちづくり推進課または地域協働体を担当する支所")},
    actions=[
        Action("establish", frozenset({S.FORMING}), S.ESTABLISHED, "city", CHANGE_STANDING,
               _("設立済みにする"), _("設立"), _("設立を記録しました。")),
        Action("reopen", frozenset({S.ESTABLISHED}), S.FORMING, "city", CHANGE_STANDING,
               _("設立準備中に戻す"), _("設立準備中への変更"), _("設立準備中に戻しました。")),
    ],
)


def action_to(status: str) -> str:
    """The action that leads to ``status``."""
    return next(action.name for action in COMMUNITY_STANDING.actions.values() if action.target == status)
