"""An opportunity's workflow: 下書き → 募集中 → 募集終了, or 中止; reopened while it has not happened.

Those who manage it take every step (``participation.manage_opportunity``); each one is a transition
row and an audit event.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.editing import version_field
from kyodo.participation.models import Opportunity, OpportunityStatus
from kyodo.workflows import Action, Workflow

MANAGE = "participation.manage_opportunity"
S = OpportunityStatus


class ActionForm(forms.Form):
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()


OPPORTUNITY_WORKFLOW = Workflow(
    "opportunity",
    states=S,
    subject=_("ボランティア募集"),
    transition_model="participation.Transition",
    subject_field="opportunity",
    initial=S.DRAFT,
    default_form=ActionForm,
    describe=lambda opportunity: f"{opportunity.title}({opportunity.starts_at:%Y-%m-%d})",
    roles={"host": _("募集する地域協働体(事務局)・支所・まちづくり推進課")},
    actions=[
        Action("publish", frozenset({S.DRAFT}), S.PUBLISHED, "host", MANAGE,
               _("公開して募集を始める"), _("公開"), _("公開しました。")),
        Action("close", frozenset({S.PUBLISHED}), S.CLOSED, "host", MANAGE,
               _("募集を終了する"), _("募集終了"), _("募集を終了しました。")),
        Action("reopen", frozenset({S.CLOSED}), S.PUBLISHED, "host", MANAGE,
               _("募集を再開する"), _("募集再開"), _("募集を再開しました。")),
        Action("cancel", frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED}), S.CANCELLED, "host", MANAGE,
               _("中止する"), _("中止"), _("中止しました。"),
               confirm=_("中止すると、申込みは受け付けられなくなり、元に戻せません。"), refusal=True),
    ],
)


@OPPORTUNITY_WORKFLOW.availability_check
def not_over(opportunity: Opportunity, user: Any, action: Any) -> str:
    """An opportunity that has ended is not published or reopened again."""
    if action.name in {"publish", "reopen"} and opportunity.ends_at < timezone.now():
        return gettext("終了した活動は公開・募集再開できません。")
    return ""


publish_opportunity = OPPORTUNITY_WORKFLOW.step_service("publish", name="publish_opportunity")
close_opportunity = OPPORTUNITY_WORKFLOW.step_service("close", name="close_opportunity")
reopen_opportunity = OPPORTUNITY_WORKFLOW.step_service("reopen", name="reopen_opportunity")
cancel_opportunity = OPPORTUNITY_WORKFLOW.step_service("cancel", name="cancel_opportunity")
