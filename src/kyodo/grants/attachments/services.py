"""Files attached to an application: documents while it is drafted, receipts with the actuals report.

Files are checked, named and served by kyodo.attachments (by their bytes: PDF, PNG, JPEG). Adding
and removing claim the application's version, so two people editing the same application are
detected, and write an audit event with the file's name, size and SHA-256 (never its content).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.attachments import (  # noqa: F401  (check_upload, display_name, max_upload_*: used by callers)
    check_upload,
    checked_upload,
    delete_after_commit,
    display_name,
    max_upload_bytes,
    max_upload_mb,
    removed_on_failure,
    store,
)
from kyodo.audit.services import record_event
from kyodo.grants.applications.workflow import EDITABLE, REPORT_EDITABLE, ApplicationStatus, InvalidTransition
from kyodo.grants.models import Application, Attachment
from kyodo.locking import claim_version

MAX_PER_KIND = 20
PREPARE = "grants.prepare_application"


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


# ---- adding and removing ---------------------------------------------------------------------


def add_attachment(
    application: Application, *, actor: Any, kind: str, uploaded_file: Any, version: int
) -> Attachment:
    """Store a checked file as a document or receipt of the application; audit it."""
    _ensure_may_change(application, actor, kind)
    upload = checked_upload(uploaded_file)
    attachment = Attachment(application=application, kind=kind, uploaded_by=actor, **upload.fields())
    with removed_on_failure(attachment), transaction.atomic():
        claim_version(application, version)
        if Attachment.objects.filter(application=application, kind=kind).count() >= MAX_PER_KIND:
            raise ValidationError(
                {"file": _("%(kind)sは1件の申請につき%(max)d件まで添付できます。") % {
                    "kind": Attachment.Kind(kind).label, "max": MAX_PER_KIND}},
                code="too_many",
            )
        store(attachment, uploaded_file)
        attachment.save()
        record_event(
            "grant_attachment.added", actor=actor, target=application,
            summary=_summary(application, "添付", attachment),
            data={"attachment": attachment.pk, "kind": kind, "name": upload.name,
                  "content_type": upload.content_type, "size_bytes": attachment.size_bytes,
                  "sha256": upload.sha256},
        )
    return attachment


def remove_attachment(attachment: Attachment, *, actor: Any, version: int) -> None:
    """Delete an attachment (its file after commit) under the rules for adding one; audit it."""
    application = attachment.application
    _ensure_may_change(application, actor, attachment.kind)
    with transaction.atomic():
        claim_version(application, version)
        record_event(
            "grant_attachment.removed", actor=actor, target=application,
            summary=_summary(application, "削除", attachment),
            data={"attachment": attachment.pk, "kind": attachment.kind, "name": attachment.original_name,
                  "size_bytes": attachment.size_bytes, "sha256": attachment.sha256},
        )
        delete_after_commit(attachment)
        attachment.delete()


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
