"""Forms for the staff pages. Messages are Japanese and shown next to the field.

Each is a ``ServiceForm``: it checks the input, the service writes; the object it was built from
stays as loaded, and a versioned object's form carries the version the user saw.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.communities.models import (
    BranchOffice,
    Community,
    CommunityPlan,
    District,
    DistrictFigure,
    MemberOrganization,
    Officer,
    PlanGoal,
    PlanInitiative,
    PlanRevision,
)
from kyodo.communities.services import PROFILE_FIELDS, STANDING_FIELDS
from kyodo.editing import ServiceForm
from kyodo.fiscal_years import fiscal_year_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommunityProfileForm(ServiceForm):
    """What a community keeps itself."""

    website = forms.URLField(label=_("ウェブサイト"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Community
        fields = list(PROFILE_FIELDS)
        widgets: dict[str, forms.Widget] = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"office_phone": _("例: 0191-21-0000"), "website": _("https:// から始まるアドレス")}


class CommunityStandingForm(CommunityProfileForm):
    """The profile plus name, status and founding date (the city and the community's branch)."""

    class Meta(CommunityProfileForm.Meta):
        fields = [*STANDING_FIELDS, *PROFILE_FIELDS]
        widgets = {**CommunityProfileForm.Meta.widgets, "founded_on": DATE_WIDGET}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("status") == Community.Status.ESTABLISHED and not cleaned.get("founded_on"):
            self.add_error("founded_on", _("設立済みの地域協働体には設立日を入力してください。"))
        return cleaned


class TermMixin:
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("任期終了は任期開始より後の日付にしてください。"))  # type: ignore[attr-defined]
        return cleaned


class OfficerForm(TermMixin, ServiceForm):
    class Meta:
        model = Officer
        fields = ["position", "name", "age_band", "term_start", "term_end"]
        widgets = {"term_start": DATE_WIDGET, "term_end": DATE_WIDGET}
        help_texts = {"name": _("氏名と年代は公開されません。市の職員と団体の方のみが見られます。")}


class MemberOrganizationForm(ServiceForm):
    class Meta:
        model = MemberOrganization
        fields = ["name", "kind"]

    def __init__(self, *args: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        duplicates = MemberOrganization.objects.filter(community=self.community, name=name)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("同じ名前の構成団体がすでに登録されています。"))
        return name


class CommunityPlanForm(ServiceForm):
    start_fiscal_year = forms.TypedChoiceField(label=_("開始年度"), coerce=int, choices=())
    end_fiscal_year = forms.TypedChoiceField(label=_("終了年度"), coerce=int, choices=())

    class Meta:
        model = CommunityPlan
        fields = ["title", "start_fiscal_year", "end_fiscal_year", "vision", "adopted_on"]
        widgets = {"adopted_on": DATE_WIDGET, "vision": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = fiscal_year_choices(2014)
        self.fields["start_fiscal_year"].choices = choices  # type: ignore[attr-defined]
        self.fields["end_fiscal_year"].choices = choices  # type: ignore[attr-defined]
    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start_fiscal_year"), cleaned.get("end_fiscal_year")
        if start and end and end < start:
            self.add_error("end_fiscal_year", _("終了年度は開始年度と同じか、それより後の年度にしてください。"))
        return cleaned


class PlanGoalForm(ServiceForm):
    class Meta:
        model = PlanGoal
        fields = ["order", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PlanInitiativeForm(ServiceForm):
    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=())

    class Meta:
        model = PlanInitiative
        fields = ["fiscal_year", "goal", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: CommunityPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(fy.year, fy.label) for fy in plan.fiscal_years]  # type: ignore[attr-defined]
        self.fields["goal"].queryset = plan.goals.all()  # type: ignore[attr-defined]
        self.fields["goal"].empty_label = _("(目標なし)")  # type: ignore[attr-defined]

class PlanRevisionForm(ServiceForm):
    class Meta:
        model = PlanRevision
        fields = ["revised_on", "summary"]
        widgets = {"revised_on": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 4})}


class BranchOfficeForm(ServiceForm):
    class Meta:
        model = BranchOffice
        fields = ["name", "name_en", "slug", "area_name", "is_head_office", "order"]
        help_texts = {"slug": _("URLに使う半角英数字とハイフン(例: hanaizumi)")}


class DistrictForm(ServiceForm):
    class Meta:
        model = District
        fields = ["name", "name_kana", "branch_office", "citizen_center_name", "order", "is_demo_data"]


class DistrictFigureForm(ServiceForm):
    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=())

    class Meta:
        model = DistrictFigure
        fields = ["fiscal_year", "population", "households", "as_of", "source"]
        widgets = {"as_of": DATE_WIDGET}

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["fiscal_year"].choices = fiscal_year_choices(2014)  # type: ignore[attr-defined]
        if self.instance.pk:
            # The year identifies the row; a correction keeps it.
            del self.fields["fiscal_year"]

    def clean_fiscal_year(self) -> int:
        year = self.cleaned_data["fiscal_year"]
        if DistrictFigure.objects.filter(district=self.district, fiscal_year=year).exists():
            raise forms.ValidationError(
                _("この地区のこの年度の人口・世帯数はすでに登録されています。登録済みの行を編集してください。")
            )
        return year
