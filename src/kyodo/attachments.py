"""Uploaded files attached to records (grant applications, meetings): checking, storing, serving.

What a file is, is decided by its first bytes (PDF, PNG, JPEG), never by its name or the
browser's content type; images are also opened with Pillow. The stored name is chosen by the
model's ``upload_to`` (``<app>/<owner id>/<uuid>.<ext>``): the uploaded name is only kept,
cleaned, for display and for the download's Content-Disposition. A model holding such a file
inherits :class:`StoredFile` and declares its own ``file`` field and owner.

A service adding a file calls :func:`check_upload` (ValidationError with a Japanese message on
``file`` when refused, nothing stored), then saves inside ``with removed_on_failure(record):``
so a refused or rolled-back save leaves no file behind; removing one calls
:func:`delete_after_commit`. Views answer downloads with :func:`attachment_response`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import models, transaction
from django.http import Http404, HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kyodo.downloads import file_response

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 200

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
MAGIC: tuple[tuple[bytes, str], ...] = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
EXTENSIONS: dict[str, tuple[str, ...]] = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG"}
TYPE_LABELS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG"}
ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")


def stored_suffix(content_type: str) -> str:
    """The extension of the stored name for a checked content type."""
    return {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}.get(content_type, "")


class StoredFile(models.Model):
    """What kyodo keeps about an uploaded file besides the file itself (declared by the inheriting model)."""

    original_name = models.CharField(_lazy("ファイル名"), max_length=200)
    content_type = models.CharField(_lazy("形式"), max_length=50)
    size_bytes = models.PositiveIntegerField(_lazy("サイズ(バイト)"))
    sha256 = models.CharField(_lazy("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_lazy("登録者"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_lazy("登録日時"), auto_now_add=True)

    file: Any  # a FileField declared by the inheriting model (its upload_to names the stored file)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


# ---- checking an upload ----------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "KYODO_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def max_upload_mb() -> str:
    """The upload limit in MB, for messages and help texts ("10")."""
    return _megabytes(max_upload_bytes())


def _sniff(head: bytes) -> str | None:
    return next((content_type for magic, content_type in MAGIC if head.startswith(magic)), None)


def _is_real_image(uploaded_file: Any, content_type: str) -> bool:
    from PIL import Image

    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file) as image:
            if image.format != PILLOW_FORMATS[content_type]:
                return False
            image.verify()
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, DecompressionBombError…)
        return False
    finally:
        uploaded_file.seek(0)
    return True


def display_name(name: str) -> str:
    """The uploaded name as shown to people: the base name only, printable, at most 200 characters."""
    text = unicodedata.normalize("NFC", unquote(str(name or "")))
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")
    text = re.split(r"[/\\]", text)[-1].strip().lstrip(".").strip()
    if len(text) > MAX_NAME_LENGTH:
        match = _EXTENSION.search(text)
        suffix = match.group(0) if match else ""
        text = text[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return text


def checked_name(name: str, content_type: str) -> str:
    """The display name, with the content's extension when it has none; refused if it contradicts."""
    cleaned = display_name(name)
    match = _EXTENSION.search(cleaned)
    expected = EXTENSIONS[content_type]
    if match is None:
        base = (cleaned or _("添付ファイル"))[: MAX_NAME_LENGTH - len(expected[0])]
        return base + expected[0]
    if match.group(0).lower() not in expected:
        raise ValidationError(
            {"file": _("ファイル名の拡張子(%(extension)s)がファイルの内容(%(type)s)と一致しません。"
                       "拡張子を確認してください。")
                     % {"extension": match.group(0), "type": TYPE_LABELS[content_type]}},
            code="extension",
        )
    return cleaned


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that may be stored: its display name, content type (by its bytes), size and SHA-256."""

    name: str
    content_type: str
    size_bytes: int
    sha256: str

    def fields(self) -> dict[str, Any]:
        """The :class:`StoredFile` fields it fills."""
        return {"original_name": self.name, "content_type": self.content_type, "size_bytes": self.size_bytes,
                "sha256": self.sha256}


def check_upload(uploaded_file: Any) -> tuple[str, str]:
    """The file's content type (by its bytes) and SHA-256; ValidationError if it cannot be attached."""
    limit = max_upload_bytes()
    size = uploaded_file.size
    if size is None or size > limit:
        raise ValidationError(
            {"file": _("ファイルが大きすぎます。%(limit)s MB以下のファイルを添付してください。") % {
                "limit": _megabytes(limit)}},
            code="too_large",
        )
    if size == 0:
        raise ValidationError({"file": _("ファイルが空です。内容のあるファイルを添付してください。")}, code="empty")
    uploaded_file.seek(0)
    content_type = _sniff(uploaded_file.read(16))
    if content_type is None or (content_type in PILLOW_FORMATS and not _is_real_image(uploaded_file, content_type)):
        raise ValidationError(
            {"file": _("添付できるのはPDF、PNG、JPEGのファイルだけです。ファイルの形式を確認してください。")},
            code="type",
        )
    checked_name(uploaded_file.name, content_type)
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return content_type, digest.hexdigest()


def checked_upload(uploaded_file: Any) -> CheckedUpload:
    """:func:`check_upload` with the display name and size, ready for :meth:`CheckedUpload.fields`."""
    content_type, sha256 = check_upload(uploaded_file)
    return CheckedUpload(checked_name(uploaded_file.name, content_type), content_type, uploaded_file.size, sha256)


# ---- storing and removing --------------------------------------------------------------------


def storage_of(record: Any) -> Storage:
    storage: Storage = record.file.storage
    return storage


def store(record: Any, uploaded_file: Any) -> None:
    """Write the upload under the name ``upload_to`` chooses (not saving the record)."""
    uploaded_file.seek(0)
    record.file.save("upload", uploaded_file, save=False)


@contextmanager
def removed_on_failure(record: Any) -> Iterator[None]:
    """Delete the file stored for ``record`` inside the block if the block fails (the save was refused)."""
    try:
        yield
    except BaseException:
        if record.file.name:
            storage_of(record).delete(record.file.name)
        raise


def delete_after_commit(record: Any) -> None:
    """Delete ``record``'s file once the transaction deleting the record commits."""
    storage, stored = storage_of(record), record.file.name
    transaction.on_commit(lambda: storage.delete(stored))


def attachment_response(record: Any) -> HttpResponseBase:
    """The file as a download: never run as a page, never kept in a cache (uploaded by people)."""
    try:
        handle = record.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("ファイルが見つかりません。")) from error
    response = file_response(handle, filename=record.original_name, content_type=record.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


# ---- the form field --------------------------------------------------------------------------


def upload_help() -> str:
    """The upload field's help text, with the current limit (set by the form when it is made)."""
    return _("PDF、PNG、JPEGのファイル(%(limit)s MBまで)を選んでください。") % {"limit": max_upload_mb()}


def file_field(**kwargs: Any) -> forms.FileField:
    """The upload field; the form sets ``help_text`` to :func:`upload_help`, the services check the content."""
    return forms.FileField(
        label=_lazy("ファイル"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _lazy("添付するファイルを選んでください。"),
                        "empty": _lazy("ファイルが空です。内容のあるファイルを添付してください。"),
                        "invalid": _lazy("ファイルを受け取れませんでした。もう一度選んでください。")},
        **kwargs,
    )
