"""Writes of the liaison work: placing or rotating a community's liaison, logging contacts, closing follow-ups.

Each service runs in one transaction and records its decision in the audit log. A rotation ends the open
assignment the day before the successor starts; the database allows one open assignment per community, so of
two rotations at the same moment one is refused with a Japanese message and nothing of it is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.accounts.models import User
from kyodo.audit.services import record_event
from kyodo.communities.models import Community
from kyodo.support.models import Contact, LiaisonAssignment
from kyodo.support.text import check_plain_text

CONCURRENT = gettext_lazy(
    "他の方が先に地域担当職員を配置しました。最新の内容を確認してから、もう一度操作してください。"
)


def current_assignment(community: Community) -> LiaisonAssignment | None:
    """The open assignment of ``community`` (at most one, kept by the database)."""
    return LiaisonAssignment.objects.filter(community=community, ended_on__isnull=True).select_related("staff").first()


@transaction.atomic
def assign_liaison(
    community: Community, *, actor: Any, staff: User, started_on: dt.date, handover_note: str = "",
    expected_current: int | None = None,
) -> LiaisonAssignment:
    """Make ``staff`` the liaison of ``community`` from ``started_on``, ending the predecessor's assignment the
    day before. ``expected_current`` is the open assignment the user saw (None: none); another one means someone
    rotated first, and nothing is written."""
    check_plain_text(handover_note=handover_note)
    if not staff.is_active or not staff.is_city_staff:
        raise ValidationError({"staff": _("地域担当職員には、市の職員を選んでください。")})
    current = LiaisonAssignment.objects.select_for_update().filter(community=community, ended_on__isnull=True).first()
    if (current.pk if current else None) != expected_current:
        raise ValidationError(CONCURRENT)
    if current is not None:
        if current.staff_id == staff.pk:
            raise ValidationError({"staff": _("この職員は既に地域担当職員です。")})
        if started_on <= current.started_on:
            raise ValidationError({"started_on": _("開始日は前任者の開始日(%(date)s)より後にしてください。")
                                   % {"date": current.started_on}})
        current.ended_on = started_on - dt.timedelta(days=1)
        current.save(update_fields=["ended_on"])
    try:
        with transaction.atomic():
            assignment = LiaisonAssignment.objects.create(
                community=community, staff=staff, started_on=started_on, handover_note=handover_note,
                assigned_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError as error:
        raise ValidationError(CONCURRENT) from error
    record_event(
        "liaison.assigned", actor=actor, target=assignment,
        summary=f"{community.name}: {staff} {started_on}〜",
        data={"community": community.slug, "staff": staff.username, "started_on": started_on,
              "predecessor": current.staff.username if current else None},
    )
    return assignment


@transaction.atomic
def end_assignment(assignment: LiaisonAssignment, *, actor: Any, ended_on: dt.date) -> LiaisonAssignment:
    """End ``assignment`` on ``ended_on`` without a successor (the community then shows as uncovered)."""
    assignment = LiaisonAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_on is not None:
        raise ValidationError(CONCURRENT)
    if ended_on < assignment.started_on:
        raise ValidationError({"ended_on": _("終了日は開始日より後にしてください。")})
    assignment.ended_on = ended_on
    assignment.save(update_fields=["ended_on"])
    record_event("liaison.ended", actor=actor, target=assignment,
                 summary=f"{assignment.community}: {assignment.staff} 〜{ended_on}",
                 data={"community_id": assignment.community_id, "ended_on": ended_on})
    return assignment


def check_contact_dates(contacted_on: dt.date, follow_up: str, follow_up_due: dt.date | None) -> None:
    """A contact is not in the future; a follow-up has a due date, not in the past."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if contacted_on > today:
        errors["contacted_on"] = _("日付に未来の日は入力できません。")
    if follow_up and follow_up_due is None:
        errors["follow_up_due"] = _("フォローアップには期限を入力してください。")
    if follow_up_due is not None and not follow_up:
        errors["follow_up"] = _("期限を入れるときは、フォローアップの内容も入力してください。")
    if follow_up_due is not None and follow_up_due < today:
        errors["follow_up_due"] = _("フォローアップの期限に過去の日は入力できません。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def log_contact(
    community: Community, *, actor: Any, contacted_on: dt.date, way: str, summary: str,
    follow_up: str = "", follow_up_due: dt.date | None = None,
) -> Contact:
    """Record one contact with ``community``."""
    check_plain_text(summary=summary, follow_up=follow_up)
    check_contact_dates(contacted_on, follow_up, follow_up_due)
    contact = Contact.objects.create(
        community=community, staff=actor, contacted_on=contacted_on, way=way, summary=summary,
        follow_up=follow_up, follow_up_due=follow_up_due,
    )
    record_event("contact.logged", actor=actor, target=contact,
                 summary=f"{community.name}: {contacted_on} {contact.get_way_display()}",
                 data={"community": community.slug, "contacted_on": contacted_on, "way": way,
                       "follow_up_due": follow_up_due})
    return contact


@transaction.atomic
def close_follow_up(contact: Contact, *, actor: Any, done_on: dt.date) -> Contact:
    """Mark the contact's follow-up done on ``done_on``."""
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if not contact.follow_up:
        raise ValidationError(_("この記録にはフォローアップがありません。"))
    if contact.follow_up_done_on is not None:
        raise ValidationError(_("このフォローアップは既に完了しています。"))
    if done_on < contact.contacted_on or done_on > timezone.localdate():
        raise ValidationError({"done_on": _("完了日は連絡の日から今日までの日付にしてください。")})
    contact.follow_up_done_on = done_on
    contact.save(update_fields=["follow_up_done_on"])
    record_event("contact.follow_up_done", actor=actor, target=contact,
                 summary=f"{contact.community_id}: {contact.follow_up} {done_on}", data={"done_on": done_on})
    return contact
