"""Writing reports: creating, editing, photos, and the reports an exchange meeting presented.

Edits claim the report's version (two people editing at once are told), and each write is an audit
event with what changed (never a photo's content). The workflow's steps are in workflow.py.
"""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.events.models import Category, Event
from kyodo.locking import claim_version
from kyodo.practice.models import PracticePhoto, PracticeReport, ReportStatus
from kyodo.practice.photos import clean_photo

MAX_PHOTOS = 6
FIELDS = ("title", "held_on", "body")
EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.PUBLISHED, ReportStatus.WITHDRAWN})


def _may_write(actor: Any, report: PracticeReport) -> None:
    if not actor.has_perm("practice.edit_report", report):
        raise PermissionDenied(_("この操作を行う権限がありません。"))


def create_report(*, actor: Any, themes: Any = (), **fields: Any) -> PracticeReport:
    if not actor.has_perm("practice.create_report") or actor.community_id is None:
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    with transaction.atomic():
        report = PracticeReport.objects.create(
            community_id=actor.community_id, created_by=actor, **{k: fields[k] for k in FIELDS})
        report.themes.set(themes)
        record_event("practice_report.create", actor=actor, target=report, summary=report.title)
    return report


def update_report(report: PracticeReport, *, actor: Any, version: int, themes: Any = (),
                  **fields: Any) -> PracticeReport:
    _may_write(actor, report)
    if report.status not in EDITABLE:
        raise ValidationError(_("公開停止中の活動事例は、下書きに戻してから編集してください。"))
    with transaction.atomic():
        claim_version(report, version)
        changed = sorted(name for name in FIELDS if getattr(report, name) != fields[name])
        for name in FIELDS:
            setattr(report, name, fields[name])
        report.save(update_fields=[*FIELDS, "version", "updated_at"])
        report.themes.set(themes)
        record_event("practice_report.update", actor=actor, target=report, summary=report.title,
                     data={"changed": changed, "themes": sorted(t.slug for t in themes)})
    return report


def add_photo(report: PracticeReport, *, actor: Any, version: int, upload: IO[bytes], size: int,
              caption: str) -> PracticePhoto:
    """Store the cleaned copy of ``upload`` (resized, no EXIF); nothing is stored when it is refused."""
    _may_write(actor, report)
    photo = clean_photo(upload, size)
    with transaction.atomic():
        claim_version(report, version)
        if report.photos.count() >= MAX_PHOTOS:
            raise ValidationError(_("写真は%(count)s枚までです。") % {"count": MAX_PHOTOS})
        stored = PracticePhoto(report=report, content_type=photo.content_type, width=photo.width,
                               height=photo.height, caption=caption)
        stored.image.save("photo", ContentFile(photo.content), save=False)
        try:
            stored.save()
            record_event("practice_report.photo_add", actor=actor, target=report, summary=report.title,
                         data={"photo": stored.image.name, "bytes": len(photo.content)})
        except Exception:
            stored.image.delete(save=False)
            raise
    return stored


def delete_photo(photo: PracticePhoto, *, actor: Any, version: int) -> None:
    report = photo.report
    _may_write(actor, report)
    with transaction.atomic():
        claim_version(report, version)
        name = photo.image.name
        photo.delete()
        record_event("practice_report.photo_delete", actor=actor, target=report, summary=report.title,
                     data={"photo": name})
        transaction.on_commit(lambda: photo.image.storage.delete(name))


def set_presented(event: Event, *, actor: Any, version: int, reports: Any) -> Event:
    """The published reports presented at exchange meeting ``event`` (chosen by its organisers)."""
    if not actor.has_perm("events.manage_event", event):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    if event.kind.category != Category.EXCHANGE:
        raise ValidationError(_("発表した活動事例を結び付けられるのは交流会だけです。"))
    chosen = list(reports)
    if any(report.status != ReportStatus.PUBLISHED for report in chosen):
        raise ValidationError(_("公開中の活動事例だけを選んでください。"))
    with transaction.atomic():
        claim_version(event, version)
        event.save(update_fields=["version", "updated_at"])
        event.presented_reports.set(chosen)
        record_event("event.presented_reports", actor=actor, target=event, summary=event.title,
                     data={"reports": sorted(report.pk for report in chosen)})
    return event
