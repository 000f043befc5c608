"""Forms: registering (the public, signed-in people, staff taking a phone call), events and kinds."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, validate_email
from django.utils.translation import gettext_lazy as _

from kyodo.age_bands import AgeBand
from kyodo.communities.models import BranchOffice, Community
from kyodo.editing import ServiceForm
from kyodo.events.models import Channel, Event, EventKind

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MARKUP = re.compile(r"[<>{}\\\"`]|[\x00-\x1f\x7f]")
KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\u30fc\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9\-() ]{8,18}[0-9]$")


def plain_text(value: str, label: Any) -> str:
    """Text without markup or control characters (NFKC)."""
    value = unicodedata.normalize("NFKC", value).strip()
    if MARKUP.search(value):
        raise ValidationError(_("%(label)sに記号「< > { } \\ \" `」や制御文字は使えません。") % {"label": label})
    return value


def kana(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).strip()
    if not KANA.match(value):
        raise ValidationError(_("ふりがなは、ひらがなまたはカタカナで入力してください。"))
    return value


def contact(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).strip()
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("メールアドレスを正しく入力してください。")) from None
        return value
    if not PHONE.match(value):
        raise ValidationError(_("電話番号(例:0191-21-2111)またはメールアドレスを入力してください。"))
    return value


class RegistrationForm(forms.Form):
    """What a person gives to register: the least that lets the organiser reach and count them."""

    name = forms.CharField(
        label=_("お名前"), max_length=60, error_messages={"required": _("お名前を入力してください。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_kana = forms.CharField(
        label=_("ふりがな"), max_length=60, error_messages={"required": _("ふりがなを入力してください。")},
    )
    contact = forms.CharField(
        label=_("連絡先(電話番号またはメールアドレス)"), max_length=120,
        help_text=_("中止や繰上げのご連絡にだけ使います。"),
        error_messages={"required": _("連絡先を入力してください。")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "email"}),
    )
    age_band = forms.ChoiceField(
        label=_("年代"), choices=[("", _("選んでください")), *AgeBand.choices],
        error_messages={"required": _("年代を選んでください。"), "invalid_choice": _("年代を一覧から選んでください。")},
    )
    community = forms.ModelChoiceField(
        label=_("所属する地域協働体"), queryset=Community.objects.order_by("name_kana"), required=False,
        empty_label=_("所属なし・わからない"),
        error_messages={"invalid_choice": _("地域協働体を一覧から選んでください。")},
    )

    def clean_name(self) -> str:
        return plain_text(self.cleaned_data["name"], _("お名前"))

    def clean_name_kana(self) -> str:
        return kana(self.cleaned_data["name_kana"])

    def clean_contact(self) -> str:
        return contact(self.cleaned_data["contact"])


class StaffRegistrationForm(RegistrationForm):
    """An organiser enters a registration taken by telephone or on paper."""

    channel = forms.ChoiceField(
        label=_("申込方法"), choices=[(Channel.PHONE, Channel.PHONE.label), (Channel.PAPER, Channel.PAPER.label)],
        error_messages={"invalid_choice": _("申込方法を一覧から選んでください。")},
    )


class EventForm(ServiceForm):
    class Meta:
        model = Event
        fields = [
            "kind", "title", "title_kana", "description", "organiser", "organiser_branch", "organiser_community",
            "starts_at",
            "ends_at", "place", "address", "capacity", "registration_opens_at", "registration_closes_at", "audience",
            "materials", "contact",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET, "registration_closes_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}), "materials": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "capacity": {"required": _("定員を入力してください。"), "invalid": _("定員は数字で入力してください。")},
            "title": {"required": _("名称を入力してください。")},
            "place": {"required": _("会場を入力してください。")},
            "starts_at": {"required": _("開始日時を入力してください。"),
                          "invalid": _("日時を正しく入力してください。")},
            "ends_at": {"required": _("終了日時を入力してください。"),
                        "invalid": _("日時を正しく入力してください。")},
            "registration_opens_at": {"required": _("受付開始を入力してください。"),
                                      "invalid": _("日時を正しく入力してください。")},
            "registration_closes_at": {"required": _("受付締切を入力してください。"),
                                       "invalid": _("日時を正しく入力してください。")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        capacity = self.fields["capacity"]
        capacity.validators.append(MinValueValidator(1, message=_("定員は1人以上にしてください。")))
        capacity.widget.attrs["min"] = 1
        self.fields["organiser_branch"].queryset = BranchOffice.objects.order_by("pk")  # type: ignore[attr-defined]
        self.fields["organiser_community"].queryset = (  # type: ignore[attr-defined]
            Community.objects.order_by("name_kana")
        )
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        return plain_text(self.cleaned_data["title"], _("名称"))

    def clean_place(self) -> str:
        return plain_text(self.cleaned_data["place"], _("会場"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("受付締切は受付開始より後にしてください。"))
        if closes and ends and closes > ends:
            self.add_error("registration_closes_at", _("受付締切は催しの終了より前にしてください。"))
        if data.get("organiser") == "community" and not data.get("organiser_community"):
            self.add_error("organiser_community", _("主催の地域協働体を選んでください。"))
        if data.get("organiser") == "branch" and not data.get("organiser_branch"):
            self.add_error("organiser_branch", _("主催の支所を選んでください。"))
        return data


class EventKindForm(ServiceForm):
    class Meta:
        model = EventKind
        fields = ["name", "slug", "category", "tier", "description", "order"]
        error_messages = {"name": {"required": _("名称を入力してください。")},
                          "slug": {"required": _("識別子を入力してください。")}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("tier") and data.get("category") != "tiered":
            self.add_error("tier", _("研修の階層は「階層別研修」のときだけ選べます。"))
        return data
