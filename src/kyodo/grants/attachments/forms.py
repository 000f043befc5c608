"""The upload form: a kind, a file and the version the user saw; the services check the file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo.attachments import file_field, upload_help
from kyodo.grants.applications.forms import VersionForm
from kyodo.grants.models import Attachment


class AttachmentForm(VersionForm):
    kind = forms.ChoiceField(
        label=_("種類"), choices=Attachment.Kind.choices,
        error_messages={"required": _("添付ファイルの種類を選んでください。"),
                        "invalid_choice": _("今は添付できない種類です。種類を選び直してください。")},
    )
    file = file_field()

    def __init__(self, *args: Any, kinds: list[str], limit_mb: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Attachment.Kind.choices if value in kinds
        ]
        self.fields["file"].help_text = upload_help()
