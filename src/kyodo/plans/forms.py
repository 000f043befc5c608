"""Forms for the city's plan editing. They validate input in Japanese; services do the writing.

ServiceForms: the object a form is built from stays as loaded, since the services compare the
stored values with the new ones to record what changed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo.editing import ServiceForm
from kyodo.fiscal_years import FiscalYear, fiscal_year_choices
from kyodo.plans import queries
from kyodo.plans.models import Department, Measure, MeasureSchedule, Policy, PromotionPlan

TEXTAREA = forms.Textarea(attrs={"rows": 5})


def _plan_year_choices() -> list[tuple[int, str]]:
    return fiscal_year_choices(2000, FiscalYear.current().year + 10)


PLAN_FIELDS = (
    "title", "subtitle", "start_fiscal_year", "end_fiscal_year", "adopted_on", "aim_title", "aim_text",
    "background", "purpose", "positioning", "is_current",
)


class PlansForm(ServiceForm):
    """The plans forms check their input themselves; the services check it again as they write.

    Not the model's checks: they would refuse making a plan current while another one is,
    where the service releases the previous one.
    """

    validate_model = False


class PlanForm(PlansForm):
    title = forms.CharField(label=_("計画名"), max_length=200)
    subtitle = forms.CharField(label=_("副題・愛称"), max_length=200, required=False)
    start_fiscal_year = forms.TypedChoiceField(label=_("開始年度"), coerce=int, choices=_plan_year_choices)
    end_fiscal_year = forms.TypedChoiceField(label=_("終了年度"), coerce=int, choices=_plan_year_choices)
    adopted_on = forms.DateField(
        label=_("策定日"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("策定した月の1日を入力してください(画面には年月のみ表示します)。"),
    )
    aim_title = forms.CharField(label=_("目指す姿"), max_length=200, required=False)
    aim_text = forms.CharField(label=_("目指す姿(説明)"), required=False, widget=TEXTAREA)
    background = forms.CharField(label=_("取組の経過"), required=False, widget=TEXTAREA)
    purpose = forms.CharField(label=_("目的"), required=False, widget=TEXTAREA)
    positioning = forms.CharField(label=_("位置付け"), required=False, widget=TEXTAREA)
    is_current = forms.BooleanField(
        label=_("現行計画とする"), required=False,
        help_text=_("現行計画は1つだけです。この計画を現行にすると、それまでの現行計画は現行でなくなります。"),
    )

    class Meta:
        model = PromotionPlan
        fields = PLAN_FIELDS

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_fiscal_year"), data.get("end_fiscal_year")
        if start is not None and end is not None:
            if end < start:
                self.add_error("end_fiscal_year", gettext("終了年度は開始年度以降にしてください。"))
            elif self.instance.pk is not None and queries.schedules_outside(self.instance, start, end).exists():
                self.add_error(
                    "start_fiscal_year",
                    gettext("この期間では、計画期間の外になる実施年度があります。先に施策・事業の実施年度を変更してください。"),
                )
        return data


class PlanCreateForm(PlanForm):
    number = forms.IntegerField(label=_("次数"), min_value=1, max_value=99, help_text=_("第3次計画なら 3"))
    field_order = ["number"]

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        if PromotionPlan.objects.filter(number=number).exists():
            raise forms.ValidationError(gettext("第%(number)s次の計画は既に登録されています。") % {"number": number})
        return number


class PolicyForm(PlansForm):
    """A policy's texts; ``version`` is its plan's."""

    number = forms.IntegerField(label=_("番号"), min_value=1, max_value=99, help_text=_("(1)なら 1"))
    title = forms.CharField(label=_("基本方針"), max_length=200)
    description = forms.CharField(label=_("説明"), required=False, widget=TEXTAREA)

    class Meta:
        model = Policy
        fields = ["number", "title", "description"]

    def __init__(self, *args: Any, plan: PromotionPlan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, version_of=plan, **kwargs)
        if self.instance.pk is not None:
            del self.fields["number"]  # URLs name a policy by its number

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        if Policy.objects.filter(plan=self.plan, number=number).exists():
            raise forms.ValidationError(gettext("基本方針(%(number)s)は既にあります。") % {"number": number})
        return number


class MeasureForm(PlansForm):
    number = forms.IntegerField(label=_("事業番号"), min_value=1, max_value=999)
    title = forms.CharField(label=_("施策・事業"), max_length=200)
    content = forms.CharField(label=_("事業内容"), required=False, widget=TEXTAREA)
    department = forms.ModelChoiceField(
        label=_("所管課"), queryset=Department.objects.order_by("order", "name"), required=False,
        empty_label=_("(未定)"),
    )
    partner = forms.CharField(
        label=_("連携先"), max_length=200, required=False,
        help_text=_("所管課とともに事業を担う団体や部署(例: いちのせき市民活動センター)"),
    )

    class Meta:
        model = Measure
        fields = ["number", "title", "content", "department", "partner"]

    def __init__(self, *args: Any, plan: PromotionPlan, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["number"]  # URLs name a measure by its number

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        if Measure.objects.filter(policy__plan=self.plan, number=number).exists():
            raise forms.ValidationError(gettext("事業%(number)sは既にあります。") % {"number": number})
        return number


class ScheduleForm(PlansForm):
    """One cell of a measure's schedule; ``version`` is the measure's."""

    start_fiscal_year = forms.TypedChoiceField(label=_("開始年度"), coerce=int)
    end_fiscal_year = forms.TypedChoiceField(label=_("終了年度"), coerce=int)
    text = forms.CharField(label=_("実施内容"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = MeasureSchedule
        fields = ["start_fiscal_year", "end_fiscal_year", "text"]

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        self.measure = measure
        plan = measure.policy.plan
        super().__init__(*args, version_of=measure, **kwargs)
        choices = [(fy.year, fy.label) for fy in plan.fiscal_years]
        help_text = gettext("計画期間(%(period)s)の中から選んでください。") % {"period": plan.period_label}
        for name in ("start_fiscal_year", "end_fiscal_year"):
            field = self.fields[name]
            field.choices = choices  # type: ignore[attr-defined]
            field.help_text = help_text
            field.error_messages["invalid_choice"] = gettext("計画期間内の年度を選んでください。")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_fiscal_year"), data.get("end_fiscal_year")
        if start is None or end is None:
            return data
        if end < start:
            self.add_error("end_fiscal_year", gettext("終了年度は開始年度以降にしてください。"))
            return data
        overlapping = MeasureSchedule.objects.filter(
            measure=self.measure, start_fiscal_year__lte=end, end_fiscal_year__gte=start
        )
        if self.instance.pk is not None:
            overlapping = overlapping.exclude(pk=self.instance.pk)
        other = overlapping.first()
        if other is not None:
            self.add_error(
                "start_fiscal_year",
                gettext("他の実施内容「%(text)s」(%(period)s)と年度が重なっています。") % {
                    "text": other.text, "period": other.period_label,
                },
            )
        return data


class DepartmentForm(PlansForm):
    name = forms.CharField(label=_("名称"), max_length=100)
    division = forms.CharField(label=_("部"), max_length=100, required=False)
    order = forms.IntegerField(label=_("表示順"), min_value=0, max_value=32767, initial=0)

    class Meta:
        model = Department
        fields = ["name", "division", "order"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Department.objects.filter(name=name)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(gettext("「%(name)s」は既に登録されています。") % {"name": name})
        return name
