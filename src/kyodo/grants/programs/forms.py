"""Forms for the grants staff pages. Messages are Japanese and shown next to the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.editing import ServiceForm
from kyodo.fiscal_years import fiscal_year_choices
from kyodo.grants.models import ExpenseCategory, GrantProgram, ProgramRule, RoundingUnit
from kyodo.grants.programs.entitlements import Parameters
from kyodo.grants.programs.services import RULE_FIELDS, validate_rule
from kyodo.text_input import SafeFormMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RuleForm(ServiceForm):
    """A program's rule for a fiscal year. On create, program and fiscal year are chosen too.

    The rule's checks are ``validate_rule``'s, here and in the service, which also refuses a
    second rule for a year: the model's own checks would only repeat them less clearly.
    """

    validate_model = False

    program = forms.ModelChoiceField(label=_("補助金制度"), queryset=GrantProgram.objects.all())
    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=())

    class Meta:
        model = ProgramRule
        fields = ["program", "fiscal_year", *RULE_FIELDS, "eligible_categories", "ineligible_categories"]
        widgets = {
            "application_opens_on": DATE_WIDGET,
            "application_closes_on": DATE_WIDGET,
            "actuals_due_on": DATE_WIDGET,
            "eligible_categories": forms.CheckboxSelectMultiple,
            "ineligible_categories": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = fiscal_year_choices(2014)  # type: ignore[attr-defined]
        for name in ("eligible_categories", "ineligible_categories"):
            self.fields[name].queryset = ExpenseCategory.objects.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            del self.fields["program"], self.fields["fiscal_year"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        year = cleaned.get("fiscal_year") or (self.instance.fiscal_year if self.instance.pk else None)
        if year:
            for name, message in validate_rule(year, cleaned).items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The rule's values for the service: without program and year, the categories as lists."""
        data = self.changes()
        data.pop("program", None), data.pop("fiscal_year", None)
        data["eligible_categories"] = list(data.get("eligible_categories") or [])
        data["ineligible_categories"] = list(data.get("ineligible_categories") or [])
        return data


class ParametersForm(SafeFormMixin, forms.Form):
    """The amount formula's parameters for a simulation (GET: nothing changes)."""

    base_yen = forms.IntegerField(label=_("基本額(円)"), min_value=0, max_value=1_000_000_000)
    per_household_yen = forms.IntegerField(label=_("世帯数割(1世帯あたり円)"), min_value=0, max_value=1_000_000)
    per_resident_yen = forms.IntegerField(label=_("人口割(1人あたり円)"), min_value=0, max_value=1_000_000)
    cap_yen = forms.IntegerField(
        label=_("上限額(円)"), min_value=0, max_value=1_000_000_000, required=False, help_text=_("空欄は上限なし")
    )
    rounding_unit_yen = forms.TypedChoiceField(label=_("端数処理"), coerce=int, choices=RoundingUnit.choices)

    @classmethod
    def initial_of(cls, parameters: Parameters) -> dict[str, Any]:
        return parameters.as_dict()

    def parameters(self) -> Parameters:
        data = self.cleaned_data
        return Parameters(
            base_yen=data["base_yen"],
            per_household_yen=data["per_household_yen"],
            per_resident_yen=data["per_resident_yen"],
            cap_yen=data.get("cap_yen"),
            rounding_unit_yen=data["rounding_unit_yen"],
        )


class ScenarioForm(ParametersForm):
    name = forms.CharField(label=_("案の名称"), max_length=100)

    field_order = ["name"]
