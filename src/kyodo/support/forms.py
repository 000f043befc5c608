"""Forms of the liaison pages; messages in Japanese, next to their field. The services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.accounts.models import User
from kyodo.accounts.roles import CITY_STAFF_ROLES
from kyodo.editing import ServiceForm
from kyodo.support.models import Contact, LiaisonAssignment
from kyodo.support.text import no_markup

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        section = obj.department or obj.branch_office or obj.role_label
        return f"{obj}({section})"


class AssignmentForm(ServiceForm):
    """A new liaison for a community (the predecessor's assignment ends the day before)."""

    validate_model = False  # the service ends the predecessor's assignment first
    staff = StaffChoiceField(
        label=_("地域担当職員"), queryset=User.objects.none(),
        error_messages={"invalid_choice": _("一覧から職員を選んでください。"), "required": _("職員を選んでください。")},
    )
    handover_note = forms.CharField(
        label=_("引継ぎメモ"), required=False, max_length=4000, validators=[no_markup],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("前任者から後任者への引継ぎ事項(地域の状況、継続中の案件など)。"),
    )
    current = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LiaisonAssignment
        fields = ["staff", "started_on", "handover_note"]
        widgets = {"started_on": DATE_WIDGET}

    def __init__(self, *args: Any, current: LiaisonAssignment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff_field = self.fields["staff"]
        assert isinstance(staff_field, forms.ModelChoiceField)
        staff_field.queryset = (
            User.objects.filter(Q(role__in=CITY_STAFF_ROLES) | Q(is_superuser=True), is_active=True)
            .select_related("department", "branch_office").order_by("username")
        )
        self.fields["current"].initial = current.pk if current else None
        self.fields["started_on"].initial = timezone.localdate()


class ContactForm(ServiceForm):
    """One contact with the community."""

    summary = forms.CharField(label=_("内容"), max_length=4000, validators=[no_markup],
                              widget=forms.Textarea(attrs={"rows": 5}))
    follow_up = forms.CharField(label=_("フォローアップ"), required=False, max_length=400, validators=[no_markup],
                                help_text=_("次にすること(例: 計画見直しの資料を届ける)。期限とあわせて入力します。"))

    class Meta:
        model = Contact
        fields = ["contacted_on", "way", "summary", "follow_up", "follow_up_due"]
        widgets = {"contacted_on": DATE_WIDGET, "follow_up_due": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate()


class FollowUpDoneForm(forms.Form):
    """The day the follow-up was done."""

    done_on = forms.DateField(label=_("完了日"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class CoverageFilterForm(forms.Form):
    """The coverage list's filters."""

    SHOW = [("", _("すべて")), ("no_liaison", _("地域担当職員がいない")), ("no_contact", _("連絡が途絶えている"))]
    show = forms.ChoiceField(label=_("表示"), choices=SHOW, required=False)
    months = forms.IntegerField(label=_("連絡がない期間(月)"), min_value=1, max_value=60, required=False, initial=3)
    q = forms.CharField(label=_("名前・地区名"), required=False, max_length=100)
