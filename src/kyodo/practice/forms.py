"""Forms: a report, a photo, and the reports an exchange meeting presented."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.editing import ServiceForm, version_field
from kyodo.practice.models import PracticeReport, PracticeTheme
from kyodo.practice.photos import max_megabytes
from kyodo.text_input import TextValidator

MARKUP = re.compile(r"[<>{}\\`]")


class ReportForm(ServiceForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("テーマ"), queryset=PracticeTheme.objects.all(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("テーマを1つ以上選んでください。"),
                        "invalid_choice": _("選べないテーマです。選び直してください。"),
                        "invalid_pk_value": _("選べないテーマです。選び直してください。")},
    )

    class Meta:
        model = PracticeReport
        fields = ["title", "themes", "held_on", "body"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "body": forms.Textarea(attrs={"rows": 10})}
        error_messages = {
            "title": {"required": _("題名を入力してください。"),
                      "max_length": _("題名は100文字以内で入力してください。")},
            "held_on": {"required": _("活動日を入力してください。"),
                        "invalid": _("活動日を正しく入力してください(例:2024-06-01)。")},
            "body": {"required": _("内容を入力してください。"),
                     "max_length": _("内容は4000文字以内で入力してください。")},
        }

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if MARKUP.search(title):
            raise ValidationError(_("題名に記号「< > { } \\ `」は使えません。"))
        return title

    def clean_held_on(self) -> dt.date:
        held_on: dt.date = self.cleaned_data["held_on"]
        today = timezone.localdate()
        if held_on > today:
            raise ValidationError(_("活動日に未来の日付は入力できません。"))
        if held_on < today.replace(year=today.year - 10):
            raise ValidationError(_("活動日は10年以内の日付を入力してください。"))
        return held_on


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("写真"), widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("写真のファイルを選んでください。"),
                        "empty": _("ファイルが空です。写真のファイルを選んでください。"),
                        "invalid": _("ファイルを受け取れませんでした。もう一度選んでください。")},
    )
    caption = forms.CharField(
        label=_("写真の説明"), max_length=100, validators=[TextValidator(multiline=False)],
        help_text=_("写真が見えない方のための説明です(例:防災訓練で消火器を使う小学生)。"),
        error_messages={"required": _("写真の説明を入力してください。"),
                        "max_length": _("写真の説明は100文字以内で入力してください。")},
    )

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field(initial=version)
        self.fields["image"].help_text = _("JPEG、PNG、WebPの写真(%(limit)s MBまで)。長い辺1600ピクセルに縮小し、"
                                           "撮影場所などの情報(EXIF)は取り除いて保存します。") % {
            "limit": max_megabytes()}

    def clean_caption(self) -> str:
        caption: str = self.cleaned_data["caption"].strip()
        if MARKUP.search(caption):
            raise ValidationError(_("写真の説明に記号「< > { } \\ `」は使えません。"))
        return caption


class PresentedForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(
        label=_("発表した活動事例"), queryset=PracticeReport.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("選べない活動事例です。公開中のものから選んでください。"),
                        "invalid_pk_value": _("選べない活動事例です。公開中のものから選んでください。")},
    )

    def __init__(self, *args: Any, version: int, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field(initial=version)
        self.fields["reports"].queryset = queryset  # type: ignore[attr-defined]


class ThemeForm(ServiceForm):
    """A theme of the city's list: its name, the identifier in public links (?theme=…) and its place."""

    class Meta:
        model = PracticeTheme
        fields = ["name", "slug", "order"]
        help_texts = {"slug": _("公開ページのリンク(?theme=…)に使う半角英数字とハイフン。例: bosai"),
                      "order": _("小さいほど先に並びます。")}
        error_messages = {
            "name": {"required": _("テーマの名称を入力してください。"),
                     "unique": _("同じ名称のテーマがすでにあります。")},
            "slug": {"required": _("識別子を入力してください。"),
                     "invalid": _("識別子は半角の英数字、ハイフン、下線で入力してください。"),
                     "unique": _("同じ識別子のテーマがすでにあります。")},
            "order": {"required": _("表示順を入力してください。"), "invalid": _("表示順は数字で入力してください。")},
        }
