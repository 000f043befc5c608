"""Meeting requests from communities: the declaration of their workflow, the forms and every write.

A community asks for a meeting (its kind, purpose, preferred dates); the city or the community's branch
schedules it (linking the planned meeting) or declines it with a reason. docs/workflows/meeting_request.md
holds the diagram.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.audit.services import record_event
from kyodo.dialogue.forms import DATE_ERRORS, DATE_WIDGET, ActionForm
from kyodo.dialogue.meeting_forms import MARKUP, NO_MARKUP, refuse_markup
from kyodo.dialogue.models import Meeting, MeetingKind, MeetingRequest, MeetingRequestStatus, MeetingStatus
from kyodo.editing import ServiceForm
from kyodo.workflows import Action, Workflow

S = MeetingRequestStatus
DECIDE = "dialogue.decide_meeting_request"


class ScheduleForm(ActionForm):
    meeting = forms.ModelChoiceField(
        label=gettext_lazy("開催する会議"), queryset=Meeting.objects.filter(status=MeetingStatus.PLANNED),
        help_text=gettext_lazy("先に「会議を登録」で会議を登録してから選びます。"),
        error_messages={"required": gettext_lazy("開催する会議を選んでください。"),
                        "invalid_choice": gettext_lazy("開催予定の会議を選んでください。")},
    )


class DeclineForm(ActionForm):
    comment = forms.CharField(label=gettext_lazy("見送りの理由"), widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=2000,
                              error_messages={"required": gettext_lazy("見送りの理由を入力してください。")})


REQUEST_WORKFLOW = Workflow(
    "meeting_request",
    states=MeetingRequestStatus,
    subject=gettext_lazy("開催申込み"),
    transition_model="dialogue.MeetingRequestTransition",
    subject_field="request",
    default_form=ActionForm,
    describe=lambda request: f"{request.community.name}の会議の開催申込み",
    roles={"organiser": gettext_lazy("まちづくり推進課または地域協働体を担当する支所")},
    actions=[
        Action("schedule", frozenset({S.REQUESTED}), S.SCHEDULED, "organiser", DECIDE,
               gettext_lazy("開催を決める"), gettext_lazy("開催決定"), gettext_lazy("開催を決めました。"),
               form=ScheduleForm),
        Action("decline", frozenset({S.REQUESTED}), S.DECLINED, "organiser", DECIDE,
               gettext_lazy("見送る"), gettext_lazy("見送り"), gettext_lazy("申込みを見送りました。"), form=DeclineForm,
               refusal=True),
    ],
)


class RequestForm(ServiceForm):
    validate_model = False

    class Meta:
        model = MeetingRequest
        fields = ["kind", "purpose", "first_choice_on", "second_choice_on", "note"]
        widgets = {"first_choice_on": DATE_WIDGET, "second_choice_on": DATE_WIDGET,
                   "purpose": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "purpose": {"required": gettext_lazy("目的・話し合いたいことを入力してください。")},
            "first_choice_on": {"required": gettext_lazy("第1希望日を入力してください。"), **DATE_ERRORS},
            "second_choice_on": DATE_ERRORS,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = MeetingKind.objects.all()  # type: ignore[attr-defined]
        self.fields["kind"].empty_label = None  # type: ignore[attr-defined]

    def clean_purpose(self) -> str:
        return refuse_markup(self.cleaned_data["purpose"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        problems = date_problems(cleaned)
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


def date_problems(values: dict[str, Any]) -> dict[str, str]:
    today = timezone.localdate()
    problems = {}
    for name in ("first_choice_on", "second_choice_on"):
        if values.get(name) and values[name] < today:
            problems[name] = _("希望日に過去の日付は指定できません。")
    return problems


@transaction.atomic
def request_meeting(community: Any, *, actor: Any, **fields: Any) -> MeetingRequest:
    if not actor.has_perm("dialogue.request_meeting", community):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    problems = date_problems(fields)
    purpose = fields.get("purpose") or ""
    if not purpose.strip():
        problems["purpose"] = _("目的・話し合いたいことを入力してください。")
    elif MARKUP.search(purpose):
        problems["purpose"] = str(NO_MARKUP)
    if problems:
        raise ValidationError(problems)
    request = MeetingRequest.objects.create(community=community, requested_by=actor, **fields)
    record_event("meeting_request.request", actor=actor, target=request, summary=str(request))
    return request


@REQUEST_WORKFLOW.service("schedule")
def schedule_request(request: MeetingRequest, *, actor: Any, version: int, meeting: Meeting,
                     comment: str = "") -> MeetingRequest:
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError({"meeting": _("開催予定の会議を選んでください。")})
    request.meeting = meeting
    REQUEST_WORKFLOW.move(request, "schedule", actor=actor, version=version, comment=comment,
                          extra_fields=["meeting"], data={"meeting": meeting.pk})
    meeting.communities.add(request.community)
    return request


@REQUEST_WORKFLOW.service("decline")
def decline_request(request: MeetingRequest, *, actor: Any, version: int, comment: str) -> MeetingRequest:
    if not comment.strip():
        raise ValidationError({"comment": _("見送りの理由を入力してください。")})
    request.decline_reason = comment.strip()
    return REQUEST_WORKFLOW.move(request, "decline", actor=actor, version=version, comment=comment.strip(),
                                 extra_fields=["decline_reason"])
