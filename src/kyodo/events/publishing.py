"""An event's workflow: 下書き → 公開中 → 受付終了, or 中止; reopened while it has not happened.

The organisers take every step (``events.manage_event``); each one is a transition row and an audit event.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.editing import version_field
from kyodo.events.models import Event, EventStatus
from kyodo.workflows import Action, Workflow

MANAGE = "events.manage_event"
S = EventStatus


class ActionForm(forms.Form):
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=1000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()


EVENT_WORKFLOW = Workflow(
    "event",
    states=S,
    subject=_("催し"),
    transition_model="events.Transition",
    subject_field="event",
    initial=S.DRAFT,
    default_form=ActionForm,
    describe=lambda event: f"{event.title}({event.starts_at:%Y-%m-%d})",
    roles={"organiser": _("催しの主催者(市・支所・地域協働体・市民活動センター)")},
    actions=[
        Action("publish", frozenset({S.DRAFT}), S.PUBLISHED, "organiser", MANAGE,
               _("公開して受付を始める"), _("公開"), _("公開しました。")),
        Action("close", frozenset({S.PUBLISHED}), S.CLOSED, "organiser", MANAGE,
               _("受付を終了する"), _("受付終了"), _("受付を終了しました。")),
        Action("reopen", frozenset({S.CLOSED}), S.PUBLISHED, "organiser", MANAGE,
               _("受付を再開する"), _("受付再開"), _("受付を再開しました。")),
        Action("cancel", frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED}), S.CANCELLED, "organiser", MANAGE,
               _("中止する"), _("中止"), _("中止しました。"),
               confirm=_("中止すると、申込みは受け付けられなくなり、元に戻せません。"), refusal=True),
    ],
)


@EVENT_WORKFLOW.availability_check
def not_over(event: Event, user: Any, action: Any) -> str:
    """An event that has ended is not published or reopened again."""
    if action.name in {"publish", "reopen"} and event.ends_at < timezone.now():
        return gettext("終了した催しは公開・受付再開できません。")
    return ""


publish_event = EVENT_WORKFLOW.step_service("publish", name="publish_event")
close_event = EVENT_WORKFLOW.step_service("close", name="close_event")
reopen_event = EVENT_WORKFLOW.step_service("reopen", name="reopen_event")
cancel_event = EVENT_WORKFLOW.step_service("cancel", name="cancel_event")
