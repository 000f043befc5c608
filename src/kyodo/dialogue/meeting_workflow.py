"""A meeting's path, declared once: planned → held → minutes published, or planned → cancelled (with a reason).

City and branch staff plan meetings and record them; docs/workflows/meeting.md holds the diagram.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kyodo.dialogue import meeting_forms
from kyodo.dialogue.forms import ActionForm
from kyodo.dialogue.models import MeetingStatus
from kyodo.workflows import Action, Workflow

S = MeetingStatus
MANAGE = "dialogue.manage_meeting"


def _describe(meeting: Any) -> str:
    return f"会議「{meeting.title}」"


MEETING_WORKFLOW = Workflow(
    "meeting",
    states=MeetingStatus,
    subject=_("会議"),
    transition_model="dialogue.MeetingTransition",
    subject_field="meeting",
    default_form=ActionForm,
    describe=_describe,
    roles={"organiser": _("まちづくり推進課または対象地区の支所")},
    actions=[
        Action("hold", frozenset({S.PLANNED}), S.HELD, "organiser", MANAGE,
               _("開催を記録する"), _("開催"), _("開催を記録しました。"), form=meeting_forms.HoldForm),
        Action("publish_minutes", frozenset({S.HELD}), S.MINUTES_PUBLISHED, "organiser", MANAGE,
               _("記録を公開する"), _("記録の公開"), _("記録を公開しました。"), form=meeting_forms.MinutesForm),
        Action("cancel", frozenset({S.PLANNED}), S.CANCELLED, "organiser", MANAGE,
               _("中止する"), _("中止"), _("中止を記録しました。"), form=meeting_forms.CancelForm, refusal=True),
    ],
)
