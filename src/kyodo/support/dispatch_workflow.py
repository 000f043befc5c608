"""Staff dispatch (measure 2), declared once: requested → accepted (staff assigned) or declined with a reason;
visits logged while accepted; closed with the outcome (and the plan revision it led to, where there is one).
docs/workflows/staff_dispatch.md holds the diagram."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyodo.support.forms import DATE_WIDGET, StaffChoiceField, city_staff
from kyodo.support.models import DispatchStatus
from kyodo.support.text import no_markup
from kyodo.workflows import Action, Workflow

S = DispatchStatus
DECIDE = "support.decide_dispatch"
CARRY_OUT = "support.carry_out_dispatch"


class DispatchActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=2000, validators=[no_markup])


class AcceptForm(DispatchActionForm):
    staff = StaffChoiceField(label=_("派遣する職員"), queryset=city_staff(),
                             error_messages={"required": _("派遣する職員を選んでください。"),
                                             "invalid_choice": _("一覧から職員を選んでください。")})


class DeclineForm(DispatchActionForm):
    reason = forms.CharField(label=_("お断りの理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             validators=[no_markup], error_messages={"required": _("お断りの理由を入力してください。")})


class VisitForm(DispatchActionForm):
    visited_on = forms.DateField(label=_("訪問日"), widget=DATE_WIDGET,
                                 error_messages={"required": _("訪問日を入力してください。")})
    summary = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              validators=[no_markup], error_messages={"required": _("訪問の内容を入力してください。")})


class CloseForm(DispatchActionForm):
    outcome = forms.CharField(label=_("成果"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              validators=[no_markup], error_messages={"required": _("成果を入力してください。")})


def _describe(request: Any) -> str:
    return f"{request.community.name} 職員派遣の依頼({request.requested_on})"


def _reload(request: Any) -> Any:
    from kyodo.support.models import DispatchRequest

    return DispatchRequest.objects.select_related("community__district", "assigned_staff").get(pk=request.pk)


DISPATCH_WORKFLOW = Workflow(
    "staff_dispatch",
    states=DispatchStatus,
    subject=pgettext_lazy("workflow subject", "職員派遣の依頼"),
    transition_model="support.DispatchTransition",
    subject_field="request",
    default_form=DispatchActionForm,
    describe=_describe,
    reload=_reload,
    roles={
        "decider": _("地域協働体を担当する支所の職員またはまちづくり推進課"),
        "staff": _("派遣された職員、支所の職員またはまちづくり推進課"),
    },
    actions=[
        Action("accept", frozenset({S.REQUESTED}), S.ACCEPTED, "decider", DECIDE, _("引き受けて職員を派遣する"),
               _("派遣の決定"), _("依頼を引き受け、職員を派遣することにしました。"), form=AcceptForm),
        Action("decline", frozenset({S.REQUESTED}), S.DECLINED, "decider", DECIDE, _("お断りする"),
               _("お断り"), _("依頼をお断りしました。"), form=DeclineForm, refusal=True),
        Action("log_visit", frozenset({S.ACCEPTED}), S.ACCEPTED, "staff", CARRY_OUT, _("訪問を記録する"),
               _("訪問"), _("訪問を記録しました。"), form=VisitForm),
        Action("close", frozenset({S.ACCEPTED}), S.CLOSED, "staff", CARRY_OUT, _("成果を記録して完了する"),
               _("完了"), _("派遣を完了しました。"), form=CloseForm),
    ],
)
