"""Forms of the meeting pages: planning, the actions (held, minutes, cancelled), an opinion heard there."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.attachments import file_field, upload_help
from kyodo.communities.models import Community, District
from kyodo.dialogue.forms import ActionForm
from kyodo.dialogue.models import Meeting, MeetingAttachment, MeetingKind, Opinion
from kyodo.editing import ServiceForm, version_field
from kyodo.text_input import SafeFormMixin

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:", re.IGNORECASE)
NO_MARKUP = _("HTMLやスクリプトは使えません。文章だけを入力してください。")


def refuse_markup(text: str) -> str:
    """Plain text only: the minutes and agenda are shown as text; markup is refused, not stored."""
    if MARKUP.search(text or ""):
        raise forms.ValidationError(NO_MARKUP)
    return text


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=100_000, error_messages={
        "required": _("人数を入力してください(いなければ0)。"), "invalid": _("人数は整数で入力してください。"),
        "min_value": _("人数は0以上で入力してください。"), "max_value": _("人数が大きすぎます。")})


class HoldForm(ActionForm):
    """The meeting took place: how many came, by group (never their names)."""

    attendance_residents = _count(_("参加者数(住民)"))
    attendance_communities = _count(_("参加者数(地域協働体)"))
    attendance_city = _count(_("参加者数(市)"))
    attendance_other = _count(_("参加者数(その他)"))


class MinutesForm(ActionForm):
    minutes = forms.CharField(label=_("記録(議事要旨)"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000,
                              error_messages={"required": _("記録を入力してください。")},
                              help_text=_("参加者の個人名は書かないでください。"))

    def clean_minutes(self) -> str:
        return refuse_markup(self.cleaned_data["minutes"])


class CancelForm(ActionForm):
    comment = forms.CharField(label=_("中止の理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                              error_messages={"required": _("中止の理由を入力してください。")})


class MeetingForm(ServiceForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "starts_at", "ends_at", "place_district", "place_text", "districts", "communities",
                  "agenda"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET,
                   "districts": forms.CheckboxSelectMultiple, "communities": forms.CheckboxSelectMultiple,
                   "agenda": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "kind": {"required": _("種類を選んでください。")},
            "title": {"required": _("名称を入力してください。")},
            "starts_at": {"required": _("開始日時を入力してください。"),
                          "invalid": _("日時を正しく入力してください。")},
            "ends_at": {"invalid": _("日時を正しく入力してください。")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = MeetingKind.objects.all()  # type: ignore[attr-defined]
        self.fields["kind"].empty_label = None  # type: ignore[attr-defined]
        self.fields["place_district"].queryset = District.objects.order_by("order", "name")  # type: ignore[attr-defined]
        self.fields["place_district"].label_from_instance = (  # type: ignore[attr-defined]
            lambda district: district.citizen_center_name or district.name)
        self.fields["districts"].queryset = District.objects.order_by("order", "name")  # type: ignore[attr-defined]
        self.fields["communities"].queryset = Community.objects.order_by("name")  # type: ignore[attr-defined]

    def clean_agenda(self) -> str:
        return refuse_markup(self.cleaned_data.get("agenda", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("place_district") and not (cleaned.get("place_text") or "").strip():
            self.add_error("place_text", _("会場(市民センターまたはその他の場所)を入力してください。"))
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))
        if not cleaned.get("districts") and not cleaned.get("communities"):
            self.add_error("districts", _("対象の地区か地域協働体を1つ以上選んでください。"))
        return cleaned


class MeetingOpinionForm(ServiceForm):
    """An opinion heard at the meeting: its district and community among the meeting's."""

    validate_model = False  # the service sets what the opinion needs besides these fields

    class Meta:
        model = Opinion
        fields = ["kind", "title", "body", "category", "district", "community"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "title": {"required": _("件名を入力してください。")},
            "body": {"required": _("意見の内容を入力してください。")},
            "category": {"required": _("分類を選んでください。")},
            "district": {"required": _("地区を選んでください。")},
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district_ids = {d.pk for d in meeting.districts.all()} | {c.district_id for c in meeting.communities.all()}
        self.fields["district"].queryset = District.objects.filter(pk__in=district_ids)  # type: ignore[attr-defined]
        self.fields["community"].queryset = meeting.communities.all()  # type: ignore[attr-defined]
        self.fields["category"].empty_label = None  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        community, district = cleaned.get("community"), cleaned.get("district")
        if community is not None and district is not None and community.district_id != district.pk:
            self.add_error("community", _("地域協働体の地区と、選んだ地区が違います。"))
        return cleaned


class MeetingKindForm(ServiceForm):
    class Meta:
        model = MeetingKind
        fields = ["name", "order"]
        error_messages = {"name": {"required": _("種類の名前を入力してください。"),
                                   "unique": _("同じ名前の種類がすでにあります。")}}


class MeetingAttachmentForm(SafeFormMixin, forms.Form):
    """A file for a meeting: its kind, whether it is public before the minutes, the version the user saw."""

    kind = forms.ChoiceField(label=_("種類"), choices=MeetingAttachment.Kind.choices, error_messages={
        "required": _("添付ファイルの種類を選んでください。"),
        "invalid_choice": _("添付ファイルの種類を選び直してください。")})
    public_now = forms.BooleanField(
        label=_("記録の公開前から公開する"), required=False,
        help_text=_("配布資料などを開催前から公開するときに選びます。選ばなければ、記録の公開と同時に公開されます。"))
    file = file_field()

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help()
        self.fields["version"] = version_field(initial=meeting.version)
