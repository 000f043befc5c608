"""Forms: a partnership, a company's profile (its contact), a company (the city)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyodo.communities.models import Community
from kyodo.companies.models import Company, Partnership
from kyodo.editing import ServiceForm
from kyodo.fiscal_years import FiscalYear, fiscal_year_choices

MARKUP = re.compile(r"[<>{}\\`]")
DATE_MESSAGE = _("日付を正しく入力してください(例:2024-06-01)。")


def _plain(value: str, label: Any) -> str:
    value = value.strip()
    if MARKUP.search(value):
        raise ValidationError(_("%(label)sに記号「< > { } \\ `」は使えません。") % {"label": label})
    return value


class PartnershipForm(ServiceForm):
    fiscal_year = forms.TypedChoiceField(
        label=_("年度"), coerce=int, choices=(),
        error_messages={"required": _("年度を選んでください。"),
                        "invalid_choice": _("選べない年度です。選び直してください。")})
    community = forms.ModelChoiceField(
        label=_("協働する地域協働体"), queryset=Community.objects.order_by("name_kana", "pk"), required=False,
        empty_label=_("(特定の地域協働体ではない)"),
        help_text=_("一緒に取り組む地域協働体があれば選んでください。"),
        error_messages={"invalid_choice": _("選べない地域協働体です。選び直してください。")})

    class Meta:
        model = Partnership
        fields = ["title", "kind", "community", "fiscal_year", "started_on", "ended_on", "description"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "description": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "title": {"required": _("取組名を入力してください。"),
                      "max_length": _("取組名は100文字以内で入力してください。")},
            "kind": {"required": _("取組の種類を選んでください。"),
                     "invalid_choice": _("選べない種類です。選び直してください。")},
            "description": {"required": _("取組の内容を入力してください。"),
                            "max_length": _("取組の内容は2000文字以内で入力してください。")},
            "started_on": {"invalid": DATE_MESSAGE},
            "ended_on": {"invalid": DATE_MESSAGE},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = FiscalYear.current().year
        self.fields["fiscal_year"].choices = fiscal_year_choices(2019, current + 1)  # type: ignore[attr-defined]
        if self.instance.pk is None:
            self.initial.setdefault("fiscal_year", current)

    def clean_title(self) -> str:
        return _plain(self.cleaned_data["title"], _("取組名"))

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        started_on, ended_on = cleaned.get("started_on"), cleaned.get("ended_on")
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", _("終了日は開始日以降の日付を入力してください。"))
        return cleaned


class ProfileForm(ServiceForm):
    """What a company's contact edits of their company."""

    website = forms.URLField(
        label=_("ウェブサイト"), required=False, max_length=200, assume_scheme="https",
        error_messages={"invalid": _("ウェブサイトはhttps://で始まるURLを入力してください。"),
                        "max_length": _("ウェブサイトのURLが長すぎます。")})

    class Meta:
        model = Company
        fields = ["description", "address", "website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "address": {"max_length": _("所在地は200文字以内で入力してください。")},
        }

    def clean_address(self) -> str:
        return _plain(self.cleaned_data["address"], _("所在地"))

    def clean_website(self) -> str:
        website: str = self.cleaned_data["website"]
        if website and not website.startswith(("https://", "http://")):
            raise ValidationError(_("ウェブサイトはhttps://で始まるURLを入力してください。"))
        return website


class CompanyForm(ProfileForm):
    """A company as the city registers and edits it."""

    class Meta(ProfileForm.Meta):
        fields = ["name", "slug", "description", "address", "website", "is_listed"]
        error_messages = {
            **ProfileForm.Meta.error_messages,
            "name": {"required": _("企業名を入力してください。"),
                     "max_length": _("企業名は200文字以内で入力してください。"),
                     "unique": _("この企業名はすでに登録されています。")},
            "slug": {"required": _("識別子を入力してください。"),
                     "invalid": _("識別子は半角英数字とハイフンで入力してください(例:ichinoseki-kensetsu)。"),
                     "unique": _("この識別子はすでに使われています。別の識別子にしてください。")},
        }
        help_texts = {"slug": _("公開ページのURLに使います(半角英数字とハイフン)。")}

    def clean_name(self) -> str:
        return _plain(self.cleaned_data["name"], _("企業名"))
