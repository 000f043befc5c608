"""Files of a meeting (minutes, handouts): added and removed by those who may manage the meeting, public
once the minutes are published or at once when marked so.

Files are checked and stored by kyodo.attachments (PDF, PNG, JPEG by their bytes); a refused file stores
nothing. Adding and removing claim the meeting's version and write an audit event (name, size, SHA-256).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kyodo.attachments import checked_upload, delete_after_commit, removed_on_failure, store
from kyodo.audit.services import record_event
from kyodo.dialogue.models import Meeting, MeetingAttachment, MeetingStatus
from kyodo.locking import claim_version
from kyodo.workflows import InvalidTransition

MAX_PER_MEETING = 30
MANAGE = "dialogue.manage_meeting"


def may_change(meeting: Meeting, user: Any) -> bool:
    """Whether ``user`` may add or remove the meeting's files now (a cancelled meeting's are kept as they are)."""
    return meeting.status != MeetingStatus.CANCELLED and user.has_perm(MANAGE, meeting)


def _ensure_may_change(meeting: Meeting, actor: Any) -> None:
    if not actor.has_perm(MANAGE, meeting):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    if meeting.status == MeetingStatus.CANCELLED:
        raise InvalidTransition(_("中止した会議のファイルは変更できません。"))


def add_file(meeting: Meeting, *, actor: Any, kind: str, uploaded_file: Any, version: int,
             public_now: bool = False) -> MeetingAttachment:
    """Store a checked file of the meeting; audit it."""
    _ensure_may_change(meeting, actor)
    if kind not in MeetingAttachment.Kind.values:
        raise ValidationError({"kind": _("添付ファイルの種類を選び直してください。")})
    upload = checked_upload(uploaded_file)
    attachment = MeetingAttachment(meeting=meeting, kind=kind, public_now=public_now, uploaded_by=actor,
                                   **upload.fields())
    with removed_on_failure(attachment), transaction.atomic():
        claim_version(meeting, version)
        if MeetingAttachment.objects.filter(meeting=meeting).count() >= MAX_PER_MEETING:
            raise ValidationError({"file": _("1つの会議には%(max)d件まで添付できます。") % {"max": MAX_PER_MEETING}},
                                  code="too_many")
        store(attachment, uploaded_file)
        attachment.save()
        record_event(
            "meeting_attachment.added", actor=actor, target=meeting,
            summary=f"会議「{meeting.title}」に{attachment.get_kind_display()}「{upload.name}」を添付",
            data={"attachment": attachment.pk, "kind": kind, "public_now": public_now, **upload.fields()},
        )
    return attachment


def remove_file(attachment: MeetingAttachment, *, actor: Any, version: int) -> None:
    """Delete a file of the meeting (the stored file after commit); audit it."""
    meeting = attachment.meeting
    _ensure_may_change(meeting, actor)
    with transaction.atomic():
        claim_version(meeting, version)
        record_event(
            "meeting_attachment.removed", actor=actor, target=meeting,
            summary=f"会議「{meeting.title}」の{attachment.get_kind_display()}「{attachment.original_name}」を削除",
            data={"attachment": attachment.pk, "kind": attachment.kind, "name": attachment.original_name,
                  "size_bytes": attachment.size_bytes, "sha256": attachment.sha256},
        )
        delete_after_commit(attachment)
        attachment.delete()


def public_files(meeting: Meeting) -> QuerySet[MeetingAttachment]:
    """The files anyone may see: all once the minutes are published, else those marked public."""
    rows = MeetingAttachment.objects.filter(meeting=meeting)
    if meeting.status != MeetingStatus.MINUTES_PUBLISHED:
        rows = rows.filter(public_now=True)
    return rows.order_by("kind", "uploaded_at", "pk")


def public_file(meeting_pk: int, attachment_pk: int) -> MeetingAttachment | None:
    return (MeetingAttachment.objects.select_related("meeting")
            .filter(Q(public_now=True) | Q(meeting__status=MeetingStatus.MINUTES_PUBLISHED))
            .filter(pk=attachment_pk, meeting_id=meeting_pk).first())


def staff_files(meeting: Meeting) -> list[MeetingAttachment]:
    return list(MeetingAttachment.objects.filter(meeting=meeting).select_related("uploaded_by")
                .order_by("kind", "uploaded_at", "pk"))
