"""Creating and editing events and their kinds (the workflow's steps are in publishing.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.accounts.roles import Role
from kyodo.audit.services import record_event
from kyodo.events.models import Event, EventKind, EventStatus, Organiser
from kyodo.events.registering import confirmed_count, lock_event, promote_waiting
from kyodo.locking import claim_version

EVENT_FIELDS = (
    "kind", "title", "title_kana", "description", "organiser", "organiser_branch", "organiser_community",
    "starts_at", "ends_at",
    "place", "address", "capacity", "registration_opens_at", "registration_closes_at", "audience", "materials",
    "contact",
)


def organiser_problem(actor: Any, organiser: str, branch: Any, community: Any) -> str:
    """Why ``actor`` may not organise on behalf of this organiser ("" when they may)."""
    if actor.is_city_admin:
        return ""
    if organiser == Organiser.COMMUNITY and community is not None:
        if actor.is_community_member and actor.community_id == community.pk:
            return ""
        if actor.role == Role.BRANCH_STAFF and community.district.branch_office_id == actor.branch_office_id:
            return ""
    if organiser == Organiser.BRANCH and branch is not None and actor.role == Role.BRANCH_STAFF \
            and branch.pk == actor.branch_office_id:
        return ""
    if organiser == Organiser.CENTRE and actor.role == Role.ADVISOR:
        return ""
    return _("この主催者の催しは登録できません。ご自身の所属を主催者にしてください。")


def _clean(data: dict[str, Any], actor: Any) -> dict[str, Any]:
    data = {name: data[name] for name in EVENT_FIELDS if name in data}
    if data.get("organiser") != Organiser.COMMUNITY:
        data["organiser_community"] = None
    if data.get("organiser") != Organiser.BRANCH:
        data["organiser_branch"] = None
    problem = organiser_problem(actor, data["organiser"], data.get("organiser_branch"), data.get("organiser_community"))
    if problem:
        raise ValidationError({"organiser": problem})
    return data


def create_event(*, actor: Any, **fields: Any) -> Event:
    if not actor.has_perm("events.create_event"):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    data = _clean(fields, actor)
    with transaction.atomic():
        event = Event.objects.create(created_by=actor, status=EventStatus.DRAFT, **data)
        record_event("event.create", actor=actor, target=event, summary=event.title)
        return event


def update_event(event: Event, *, actor: Any, version: int, **fields: Any) -> Event:
    """Save the organiser's edit; a larger capacity promotes from the waiting list, a smaller one may
    not drop below the places already confirmed."""
    data = _clean(fields, actor)
    with transaction.atomic():
        locked = lock_event(event.pk)
        if not actor.has_perm("events.manage_event", locked):
            raise PermissionDenied(_("この操作を行う権限がありません。"))
        if locked.status == EventStatus.CANCELLED:
            raise ValidationError(_("中止した催しは編集できません。"))
        moved = [name for name in ("starts_at", "ends_at")
                 if abs(data[name] - getattr(locked, name)) >= dt.timedelta(minutes=1)]
        if moved and locked.sessions.exists():
            raise ValidationError({"starts_at": _("日程が複数ある催しの日時は「日程」で変更してください。")})
        taken = confirmed_count(locked)
        if data["capacity"] < taken:
            raise ValidationError({"capacity": _("定員は参加確定の人数(%(count)s人)より少なくできません。") % {
                "count": taken}})
        claim_version(locked, version)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.save()
        promoted = promote_waiting(locked)
        record_event("event.update", actor=actor, target=locked, summary=locked.title,
                     data={"capacity": locked.capacity, "promoted": [r.pk for r in promoted]})
        return locked


def save_kind(kind: EventKind | None, *, actor: Any, **fields: Any) -> EventKind:
    if not actor.has_perm("events.manage_kinds"):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    with transaction.atomic():
        kind = kind or EventKind()
        for name, value in fields.items():
            setattr(kind, name, value)
        kind.full_clean()
        kind.save()
        record_event("event_kind.save", actor=actor, target=kind, summary=kind.name)
        return kind
