"""The few fields a resident gives to sign up for something (an event, a volunteer opportunity).

The least that lets the organiser reach and count them: a name, its reading, a telephone number or
e-mail address, an age band and, if they like, their community. Each app's form subclasses
:class:`PersonForm` and re-declares a field only where its wording differs (with the factories).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from kyodo.age_bands import AgeBand

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
    """A reading in hiragana or katakana (NFKC)."""
    value = unicodedata.normalize("NFKC", value).strip()
    if not KANA.match(value):
        raise ValidationError(_("ふりがなは、ひらがなまたはカタカナで入力してください。"))
    return value


def contact(value: str) -> str:
    """A telephone number or an e-mail address (NFKC)."""
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


def kana_field(*, required: bool, label: Any = None) -> forms.CharField:
    return forms.CharField(label=label or _("ふりがな"), max_length=60, required=required,
                           error_messages={"required": _("ふりがなを入力してください。")})


def contact_field(help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=_("連絡先(電話番号またはメールアドレス)"), max_length=120, help_text=help_text,
        error_messages={"required": _("連絡先を入力してください。")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "email"}),
    )


def community_field(label: Any, empty_label: Any) -> forms.ModelChoiceField:
    from kyodo.communities.models import Community

    return forms.ModelChoiceField(
        label=label, queryset=Community.objects.order_by("name_kana"), required=False, empty_label=empty_label,
        error_messages={"invalid_choice": _("地域協働体を一覧から選んでください。")},
    )


class PersonForm(forms.Form):
    """Name, reading, contact, age band and community, each checked and normalised."""

    name = forms.CharField(
        label=_("お名前"), max_length=60, error_messages={"required": _("お名前を入力してください。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_kana = kana_field(required=True)
    contact = contact_field(help_text=_("中止や繰上げのご連絡にだけ使います。"))
    age_band = forms.ChoiceField(
        label=_("年代"), choices=[("", _("選んでください")), *AgeBand.choices],
        error_messages={"required": _("年代を選んでください。"), "invalid_choice": _("年代を一覧から選んでください。")},
    )
    community = community_field(_("所属する地域協働体"), _("所属なし・わからない"))

    def clean_name(self) -> str:
        return plain_text(self.cleaned_data["name"], _("お名前"))

    def clean_name_kana(self) -> str:
        value = self.cleaned_data.get("name_kana", "").strip()
        return kana(value) if value else ""

    def clean_contact(self) -> str:
        return contact(self.cleaned_data["contact"])
