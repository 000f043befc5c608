"""Forms of the dialogue pages: Japanese messages next to the field; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.communities.models import PlanInitiative
from kyodo.dialogue.models import Opinion, OpinionCategory, OpinionSource, Outcome
from kyodo.dialogue.outcomes import outcome_problems
from kyodo.editing import RELOAD, ServiceForm
from kyodo.fiscal_years import FiscalYear, fiscal_year_choices
from kyodo.plans.models import Department, Measure

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("日付を正しく入力してください。")}


class ActionForm(forms.Form):
    """Every action: the version the page showed and an optional comment."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                 error_messages={"required": RELOAD, "invalid": RELOAD, "min_value": RELOAD})
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                              max_length=2000)


class ReturnForm(ActionForm):
    comment = forms.CharField(label=_("差し戻す理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                              error_messages={"required": _("差し戻す理由を入力してください。")})


class RouteForm(ActionForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("担当課"), queryset=Department.objects.all(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("担当課を1つ以上選んでください。"),
                        "invalid_choice": _("選べない担当課です。")},
    )
    due_on = forms.DateField(label=_("回答期限"), widget=DATE_WIDGET,
                             error_messages={"required": _("回答期限を入力してください。"), **DATE_ERRORS})

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("回答期限に過去の日付は指定できません。"))
        return due_on


class AnswerForm(ActionForm):
    """The department's answer and its outcome, with what the outcome needs."""

    answer = forms.CharField(label=_("回答"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                             error_messages={"required": _("回答を入力してください。")})
    outcome = forms.ChoiceField(label=_("対応結果"), choices=Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("対応結果を選んでください。"),
                                                "invalid_choice": _("対応結果を選んでください。")})
    outcome_plan_measure = forms.ModelChoiceField(
        label=_("反映した施策(kyodoの計画)"), queryset=Measure.objects.none(), required=False,
        help_text=_("「市の計画に反映」のとき、kyodoにある計画の施策なら選びます。"),
        error_messages={"invalid_choice": _("選べない施策です。施策を選び直してください。")})
    outcome_plan = forms.CharField(label=_("反映した計画"), max_length=200, required=False,
                                   help_text=_("kyodoにない計画のとき。例: 一関市総合計画"))
    outcome_measure = forms.CharField(label=_("反映した施策"), max_length=200, required=False,
                                      help_text=_("「市の計画に反映」のとき。施策・事業の番号と名称"))
    outcome_fiscal_year = forms.TypedChoiceField(label=_("予算の年度"), coerce=int, required=False, empty_value=None,
                                                 help_text=_("「予算に反映」のとき"))
    outcome_budget_item = forms.CharField(label=_("予算の事業名"), max_length=200, required=False,
                                          help_text=_("「予算に反映」のとき"))
    outcome_amount_yen = forms.IntegerField(label=_("予算額(円)"), min_value=0, required=False,
                                            error_messages={"invalid": _("金額は円単位の整数で入力してください。"),
                                                            "min_value": _("金額は0円以上で入力してください。")})
    outcome_study_until = forms.DateField(label=_("検討の期限"), widget=DATE_WIDGET, required=False,
                                          error_messages=DATE_ERRORS, help_text=_("「検討中」のとき"))
    outcome_reason = forms.CharField(label=_("対応できない理由"), widget=forms.Textarea(attrs={"rows": 2}),
                                     max_length=2000, required=False, help_text=_("「対応困難」のとき"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = FiscalYear.current().year
        self.fields["outcome_fiscal_year"].choices = [  # type: ignore[attr-defined]
            ("", "—"), *fiscal_year_choices(this_year - 1, this_year + 3)]
        measure = self.fields["outcome_plan_measure"]
        measure.queryset = Measure.objects.select_related("policy__plan").order_by(  # type: ignore[attr-defined]
            "-policy__plan__number", "number")
        measure.label_from_instance = lambda m: f"{m.policy.plan.title} {m}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "outcome" in cleaned:
            for field, message in outcome_problems(cleaned).items():
                self.add_error(field, message)
        return cleaned


class OpinionForm(ServiceForm):
    """A new opinion of a community: what it says, where it comes from, its subject."""

    class Meta:
        model = Opinion
        fields = ["kind", "title", "body", "category", "source", "source_note", "plan_initiative", "received_on"]
        widgets = {"received_on": DATE_WIDGET, "body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "title": {"required": _("件名を入力してください。")},
            "body": {"required": _("意見の内容を入力してください。")},
            "category": {"required": _("分類を選んでください。"), "invalid_choice": _("分類を選んでください。")},
            "received_on": {"required": _("受付日を入力してください。"), **DATE_ERRORS},
        }

    def __init__(self, *args: Any, community: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_initiative"].queryset = PlanInitiative.objects.filter(  # type: ignore[attr-defined]
            plan__community=community).order_by("plan_id", "pk")
        self.fields["source"].choices = [  # type: ignore[attr-defined]
            choice for choice in OpinionSource.choices if choice[0] != OpinionSource.MEETING]
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["category"].empty_label = None  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("source") == OpinionSource.PLAN_ITEM and not cleaned.get("plan_initiative"):
            self.add_error("plan_initiative", _("地域づくり計画のどの取組から出た意見かを選んでください。"))
        received_on = cleaned.get("received_on")
        if received_on is not None and received_on > timezone.localdate():
            self.add_error("received_on", _("受付日に未来の日付は指定できません。"))
        return cleaned


class CategoryForm(ServiceForm):
    class Meta:
        model = OpinionCategory
        fields = ["name", "order"]
        error_messages = {"name": {"required": _("分類名を入力してください。"),
                                   "unique": _("同じ名前の分類がすでにあります。")}}
