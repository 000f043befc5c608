"""Files attached to an application: documents while it is drafted, receipts with the actuals report.

What a file is, is decided by its first bytes (PDF, PNG, JPEG), never by its name or the
browser's content type; images are also opened with Pillow. The stored name is chosen by
``attachment_path`` (``grants/<application id>/<uuid>.<ext>``): the uploaded name is only
kept, cleaned, for display and for the download's Content-Disposition. Adding and removing
claim the application's version, so two people editing the same application are detected,
and write an audit event with the file's name, size and SHA-256 (never its content).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.grants.applications.workflow import EDITABLE, REPORT_EDITABLE, ApplicationStatus, InvalidTransition
from kyodo.grants.models import Application, Attachment
from kyodo.locking import claim_version

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PER_KIND = 20
MAX_NAME_LENGTH = 200
PREPARE = "grants.prepare_application"

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
MAGIC: tuple[tuple[bytes, str], ...] = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
EXTENSIONS: dict[str, tuple[str, ...]] = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG"}
TYPE_LABELS = {PDF: "PDF", PNG: "PNG", JPEG: "JPEG"}
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}$")


class AttachmentNotAllowed(InvalidTransition):
    """The application's state does not allow changing attachments of this kind now."""

    def __init__(self, current: str, kind: str) -> None:
        self.kind = kind
        self.current = current
        super().__init__(current)

    @property
    def message(self) -> str:
        status = ApplicationStatus(self.current).label
        if self.kind == Attachment.Kind.RECEIPT:
            return _("「%(current)s」の申請では領収書を変更できません"
                     "(交付決定後、実績報告の提出前か差戻し中だけ変更できます)。") % {"current": status}
        return _("「%(current)s」の申請では添付書類を変更できません(下書きか差戻しの申請だけ変更できます)。") % {
            "current": status}


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


def _checked_name(name: str, content_type: str) -> str:
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
    _checked_name(uploaded_file.name, content_type)
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return content_type, digest.hexdigest()


# ---- who may, now ----------------------------------------------------------------------------

STATES: dict[str, frozenset[ApplicationStatus]] = {
    Attachment.Kind.DOCUMENT: EDITABLE,
    Attachment.Kind.RECEIPT: REPORT_EDITABLE,
}


def may_change(application: Application, user: Any, kind: str) -> bool:
    """Whether ``user`` may add or remove attachments of ``kind`` now (state and permission)."""
    return application.status in STATES[kind] and user.has_perm(PREPARE, application)


def _ensure_may_change(application: Application, actor: Any, kind: str) -> None:
    if kind not in STATES:
        raise ValidationError({"kind": _("添付ファイルの種類を選んでください。")})
    if not actor.has_perm(PREPARE, application):
        raise PermissionDenied(_("この申請を変更する権限がありません。"))
    if application.status not in STATES[kind]:
        raise AttachmentNotAllowed(application.status, kind)


def _summary(application: Application, verb: str, attachment: Attachment) -> str:
    return (f"{application.community.name} {application.program.name}の申請: "
            f"{attachment.get_kind_display()}「{attachment.original_name}」を{verb}")


def _storage() -> Storage:
    return Attachment._meta.get_field("file").storage  # type: ignore[attr-defined, no-any-return]


# ---- adding and removing ---------------------------------------------------------------------


def add_attachment(
    application: Application, *, actor: Any, kind: str, uploaded_file: Any, version: int
) -> Attachment:
    """Store a checked file as a document or receipt of the application; audit it."""
    _ensure_may_change(application, actor, kind)
    content_type, sha256 = check_upload(uploaded_file)
    name = _checked_name(uploaded_file.name, content_type)
    stored: str | None = None
    try:
        with transaction.atomic():
            claim_version(application, version)
            if Attachment.objects.filter(application=application, kind=kind).count() >= MAX_PER_KIND:
                raise ValidationError(
                    {"file": _("%(kind)sは1件の申請につき%(max)d件まで添付できます。") % {
                        "kind": Attachment.Kind(kind).label, "max": MAX_PER_KIND}},
                    code="too_many",
                )
            attachment = Attachment(
                application=application, kind=kind, original_name=name, content_type=content_type,
                size_bytes=uploaded_file.size, sha256=sha256, uploaded_by=actor,
            )
            uploaded_file.seek(0)
            attachment.file.save("upload", uploaded_file, save=False)  # the name comes from attachment_path
            stored = attachment.file.name
            attachment.save()
            record_event(
                "grant_attachment.added", actor=actor, target=application,
                summary=_summary(application, "添付", attachment),
                data={"attachment": attachment.pk, "kind": kind, "name": name, "content_type": content_type,
                      "size_bytes": attachment.size_bytes, "sha256": sha256},
            )
    except BaseException:
        if stored:
            _storage().delete(stored)
        raise
    return attachment


def remove_attachment(attachment: Attachment, *, actor: Any, version: int) -> None:
    """Delete an attachment (its file after commit) under the rules for adding one; audit it."""
    application = attachment.application
    _ensure_may_change(application, actor, attachment.kind)
    stored = attachment.file.name
    with transaction.atomic():
        claim_version(application, version)
        record_event(
            "grant_attachment.removed", actor=actor, target=application,
            summary=_summary(application, "削除", attachment),
            data={"attachment": attachment.pk, "kind": attachment.kind, "name": attachment.original_name,
                  "size_bytes": attachment.size_bytes, "sha256": attachment.sha256},
        )
        attachment.delete()
        transaction.on_commit(lambda: _storage().delete(stored))


# ---- for the application page ----------------------------------------------------------------


def attachment_context(application: Application, user: Any) -> dict[str, Any]:
    """What ``grants/staff/_attachments.html`` needs, in one query (the attachments with uploaders).

    ``application`` should come with its community (as ``queries.application_detail`` loads it)."""
    attachments = list(
        Attachment.objects.filter(application=application)
        .select_related("uploaded_by")
        .order_by("kind", "uploaded_at", "pk")
    )
    may_prepare = user.has_perm(PREPARE, application)
    groups = []
    for kind, label in Attachment.Kind.choices:
        items = [item for item in attachments if item.kind == kind]
        can_change = may_prepare and application.status in STATES[kind]
        groups.append({"kind": kind, "label": label, "items": items, "can_change": can_change,
                       "can_add": can_change and len(items) < MAX_PER_KIND})
    by_kind = {group["kind"]: group for group in groups}
    return {
        "application": application,
        "version": application.version,
        "attachments": attachments,
        "attachment_groups": groups,
        "can_add_documents": by_kind[Attachment.Kind.DOCUMENT]["can_add"],
        "can_add_receipts": by_kind[Attachment.Kind.RECEIPT]["can_add"],
        "can_add_attachments": any(group["can_add"] for group in groups),
        "max_upload_mb": max_upload_mb(),
    }
