"""Forms: registering (the public, signed-in people, staff taking a phone call), events and kinds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from kyodo.communities.models import BranchOffice, Community
from kyodo.editing import ServiceForm
from kyodo.events.models import Channel, Event, EventKind
from kyodo.person_form import PersonForm, plain_text

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegistrationForm(PersonForm):
    """What a person gives to register: the least that lets the organiser reach and count them."""


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
