"""Posting and editing opportunities (the workflow's steps are in publishing.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.locking import claim_version
from kyodo.participation.models import Opportunity, OpportunityStatus
from kyodo.participation.signing_up import lock_opportunity, taken_count

OPPORTUNITY_FIELDS = (
    "community", "title", "description", "starts_at", "ends_at", "place", "address", "capacity",
    "signup_opens_at", "signup_closes_at", "is_for_students", "is_for_families", "needs_no_experience",
    "belongings", "contact",
)


def _clean(fields: dict[str, Any], actor: Any) -> dict[str, Any]:
    data = {name: fields[name] for name in OPPORTUNITY_FIELDS if name in fields}
    community = data.get("community")
    if community is None or not _hosts(actor, community):
        raise ValidationError({"community": _(
            "この地域協働体の募集は登録できません。ご自身の地域協働体を選んでください。")})
    capacity = data.get("capacity")
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": _("募集人数は1人以上にしてください。")})
    return data


def _hosts(actor: Any, community: Any) -> bool:
    """Whether ``actor`` may post for ``community`` (the same people as the scope MANAGED)."""
    if actor.is_city_admin:
        return True
    if getattr(actor, "is_community_member", False) and actor.community_id == community.pk:
        return True
    return bool(actor.role == "branch_staff" and community.district.branch_office_id == actor.branch_office_id)


def create_opportunity(*, actor: Any, **fields: Any) -> Opportunity:
    """A draft opportunity of the actor's community. Raises PermissionDenied, ValidationError."""
    if not actor.has_perm("participation.create_opportunity"):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    data = _clean(fields, actor)
    with transaction.atomic():
        opportunity = Opportunity.objects.create(created_by=actor, status=OpportunityStatus.DRAFT, **data)
        record_event("opportunity.create", actor=actor, target=opportunity, summary=opportunity.title)
        return opportunity


def update_opportunity(opportunity: Opportunity, *, actor: Any, version: int, **fields: Any) -> Opportunity:
    """Save an edit; the number of places may not drop below the places already taken.

    Raises PermissionDenied, ValidationError, StaleObject.
    """
    data = _clean(fields, actor)
    with transaction.atomic():
        locked = lock_opportunity(opportunity.pk)
        if not actor.has_perm("participation.manage_opportunity", locked):
            raise PermissionDenied(_("この操作を行う権限がありません。"))
        if locked.status == OpportunityStatus.CANCELLED:
            raise ValidationError(_("中止した募集は編集できません。"))
        taken = taken_count(locked)
        if data["capacity"] < taken:
            raise ValidationError({"capacity": _("募集人数は申込み済みの人数(%(count)s人)より少なくできません。") % {
                "count": taken}})
        claim_version(locked, version)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.save()
        record_event("opportunity.update", actor=actor, target=locked, summary=locked.title,
                     data={"capacity": locked.capacity})
        return locked
