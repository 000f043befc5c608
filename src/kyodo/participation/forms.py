"""Forms: a resident's sign-up (a few taps on a phone) and the community's opportunity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from kyodo.editing import ServiceForm
from kyodo.events.forms import DATETIME_WIDGET
from kyodo.participation.models import Opportunity
from kyodo.person_form import PersonForm, community_field, contact_field, kana_field, plain_text


class SignupForm(PersonForm):
    """What a resident gives to sign up: the least that lets the community reach and count them."""

    name_kana = kana_field(required=False, label=_("ふりがな(任意)"))
    contact = contact_field(help_text=_("参加の確定や中止のご連絡にだけ使います。"))
    community = community_field(_("お住まいの地域協働体(任意)"), _("選ばない・わからない"))


class OpportunityForm(ServiceForm):
    class Meta:
        model = Opportunity
        fields = [
            "community", "title", "description", "starts_at", "ends_at", "place", "address", "capacity",
            "signup_opens_at", "signup_closes_at", "is_for_students", "is_for_families", "needs_no_experience",
            "belongings", "contact",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET,
            "signup_opens_at": DATETIME_WIDGET, "signup_closes_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "community": {"required": _("地域協働体を選んでください。"),
                          "invalid_choice": _("地域協働体を一覧から選んでください。")},
            "capacity": {"required": _("募集人数を入力してください。"),
                         "invalid": _("募集人数は数字で入力してください。")},
            "title": {"required": _("活動名を入力してください。")},
            "place": {"required": _("集合場所を入力してください。")},
            "starts_at": {"required": _("開始日時を入力してください。"),
                          "invalid": _("日時を正しく入力してください。")},
            "ends_at": {"required": _("終了日時を入力してください。"),
                        "invalid": _("日時を正しく入力してください。")},
            "signup_opens_at": {"required": _("受付開始を入力してください。"),
                                "invalid": _("日時を正しく入力してください。")},
            "signup_closes_at": {"required": _("受付締切を入力してください。"),
                                 "invalid": _("日時を正しく入力してください。")},
        }

    def __init__(self, *args: Any, communities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        capacity = self.fields["capacity"]
        capacity.validators.insert(0, MinValueValidator(1, message=_("募集人数は1人以上にしてください。")))
        capacity.error_messages["min_value"] = _("募集人数は1人以上にしてください。")
        capacity.widget.attrs["min"] = 1
        if communities is not None:
            self.fields["community"].queryset = communities  # type: ignore[attr-defined]
        for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        return plain_text(self.cleaned_data["title"], _("活動名"))

    def clean_place(self) -> str:
        return plain_text(self.cleaned_data["place"], _("集合場所"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("signup_opens_at"), data.get("signup_closes_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))
        if opens and closes and closes <= opens:
            self.add_error("signup_closes_at", _("受付締切は受付開始より後にしてください。"))
        if closes and ends and closes > ends:
            self.add_error("signup_closes_at", _("受付締切は活動の終了より前にしてください。"))
        return data
