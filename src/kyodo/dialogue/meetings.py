"""Every write about meetings: plan, change while planned, the workflow's actions, an opinion heard there."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.dialogue.meeting_forms import MARKUP, NO_MARKUP
from kyodo.dialogue.meeting_workflow import MEETING_WORKFLOW as WORKFLOW
from kyodo.dialogue.models import Meeting, MeetingStatus, Opinion, OpinionSource
from kyodo.dialogue.opinions import search_text
from kyodo.fiscal_years import FiscalYear
from kyodo.locking import claim_version
from kyodo.workflows import InvalidTransition

RELATIONS = ("districts", "communities")


def _check(fields: dict[str, Any], actor: Any) -> None:
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": _("名称を入力してください。")})
    if not fields.get("districts") and not fields.get("communities"):
        raise ValidationError({"districts": _("対象の地区か地域協働体を1つ以上選んでください。")})
    for name in ("agenda", "minutes"):
        if MARKUP.search(fields.get(name) or ""):
            raise ValidationError({name: NO_MARKUP})
    if not fields.get("place_district") and not (fields.get("place_text") or "").strip():
        raise ValidationError({"place_text": _("会場(市民センターまたはその他の場所)を入力してください。")})
    if fields.get("ends_at") and fields["ends_at"] < fields["starts_at"]:
        raise ValidationError({"ends_at": _("終了日時は開始日時より後にしてください。")})
    if actor.branch_office_id is not None and not actor.is_city_admin:
        districts = list(fields.get("districts") or []) + [c.district for c in fields.get("communities") or []]
        if not any(d.branch_office_id == actor.branch_office_id for d in districts):
            raise ValidationError({"districts": _("自分の支所の地区を1つ以上含めてください。")})


@transaction.atomic
def plan_meeting(*, actor: Any, **fields: Any) -> Meeting:
    if not actor.has_perm("dialogue.plan_meeting"):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    _check(fields, actor)
    related = {name: fields.pop(name, []) for name in RELATIONS}
    meeting = Meeting(planned_by=actor, fiscal_year=FiscalYear.of(timezone.localdate(fields["starts_at"])).year,
                      **fields)
    meeting.save()
    for name, values in related.items():
        getattr(meeting, name).set(values)
    record_event("meeting.plan", actor=actor, target=meeting, summary=f"会議「{meeting.title}」を登録")
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, actor: Any, version: int, **fields: Any) -> Meeting:
    if not actor.has_perm("dialogue.manage_meeting", meeting):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    if meeting.status != MeetingStatus.PLANNED:
        raise InvalidTransition(_("開催予定の会議だけを変更できます。"))
    _check(fields, actor)
    related = {name: fields.pop(name, []) for name in RELATIONS}
    claim_version(meeting, version)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.fiscal_year = FiscalYear.of(timezone.localdate(meeting.starts_at)).year
    meeting.save()
    for name, values in related.items():
        getattr(meeting, name).set(values)
    record_event("meeting.update", actor=actor, target=meeting, summary=f"会議「{meeting.title}」を変更")
    return meeting


@WORKFLOW.service("hold")
def hold_meeting(meeting: Meeting, *, actor: Any, version: int, comment: str = "", **attendance: int) -> Meeting:
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("開始日時より前に開催を記録することはできません。"))
    for name, value in attendance.items():
        setattr(meeting, name, value)
    return WORKFLOW.move(meeting, "hold", actor=actor, version=version, comment=comment,
                         extra_fields=list(attendance), data=attendance)


@WORKFLOW.service("publish_minutes")
def publish_minutes(meeting: Meeting, *, actor: Any, version: int, minutes: str, comment: str = "") -> Meeting:
    if not minutes.strip():
        raise ValidationError({"minutes": _("記録を入力してください。")})
    if MARKUP.search(minutes):
        raise ValidationError({"minutes": NO_MARKUP})
    meeting.minutes = minutes.strip()
    return WORKFLOW.move(meeting, "publish_minutes", actor=actor, version=version, comment=comment,
                         extra_fields=["minutes"])


@WORKFLOW.service("cancel")
def cancel_meeting(meeting: Meeting, *, actor: Any, version: int, comment: str) -> Meeting:
    if not comment.strip():
        raise ValidationError({"comment": _("中止の理由を入力してください。")})
    meeting.cancel_reason = comment.strip()
    return WORKFLOW.move(meeting, "cancel", actor=actor, version=version, comment=comment.strip(),
                         extra_fields=["cancel_reason"])


@transaction.atomic
def record_meeting_opinion(meeting: Meeting, *, actor: Any, **fields: Any) -> Opinion:
    """An opinion heard at a held meeting, received on the meeting's day."""
    if not actor.has_perm("dialogue.manage_meeting", meeting):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED):
        raise InvalidTransition(_("開催した会議の意見だけを登録できます。"))
    received_on = timezone.localdate(meeting.starts_at)
    opinion = Opinion(meeting=meeting, source=OpinionSource.MEETING, source_note=meeting.title, recorded_by=actor,
                      received_on=received_on, fiscal_year=FiscalYear.of(received_on).year, **fields)
    opinion.search_text = search_text(opinion)
    opinion.save()
    record_event("opinion.record", actor=actor, target=opinion, summary=f"意見「{opinion.title}」を受付",
                 data={"meeting": meeting.pk, "category": opinion.category.pk})
    return opinion
