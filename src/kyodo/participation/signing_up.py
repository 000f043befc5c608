"""Signing up for an opportunity, cancelling, the community's confirmation and attendance.

The capacity is never exceeded: every write that takes a place first locks the opportunity's row
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the ``IMMEDIATE`` transaction already holds the
database's write lock), then counts the places taken. A full opportunity refuses further sign-ups.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.participation.models import Opportunity, OpportunityStatus, Signup, SignupStatus

S = SignupStatus
MANAGE = "participation.manage_opportunity"


def lock_opportunity(opportunity_pk: int) -> Opportunity:
    """The opportunity's row, locked until the transaction ends (call inside ``transaction.atomic``)."""
    return Opportunity.objects.select_for_update().get(pk=opportunity_pk)


def taken_count(opportunity: Opportunity) -> int:
    """Places taken: sign-ups waiting for confirmation and confirmed ones."""
    return opportunity.signups.exclude(status=S.CANCELLED).count()


def window_problem(opportunity: Opportunity, now: Any = None) -> str:
    """Why the public may not sign up now ("" when they may)."""
    now = now or timezone.now()
    if opportunity.status != OpportunityStatus.PUBLISHED:
        return _("この活動は現在、参加の申込みを受け付けていません。")
    if now < opportunity.signup_opens_at:
        return _("申込みの受付はまだ始まっていません。")
    if now >= opportunity.signup_closes_at:
        return _("申込みの受付期間は終了しました。")
    return ""


def sign_up(opportunity: Opportunity, *, name: str, contact: str, age_band: str, name_kana: str = "",
            community: Any = None) -> Signup:
    """A place for the person, waiting for the community's confirmation.

    Raises ValidationError outside the sign-up window, when the opportunity is full, or for a second
    sign-up with the same name and contact.
    """
    with transaction.atomic():
        locked = lock_opportunity(opportunity.pk)
        problem = window_problem(locked)
        if problem:
            raise ValidationError(problem)
        if locked.signups.exclude(status=S.CANCELLED).filter(name=name, contact=contact).exists():
            raise ValidationError(_("同じお名前と連絡先で、すでに申込みがあります。"))
        if taken_count(locked) >= locked.capacity:
            raise ValidationError(_("申し訳ありません。募集人数に達したため、申込みを締め切りました。"))
        return Signup.objects.create(opportunity=locked, name=name, name_kana=name_kana, contact=contact,
                                     age_band=age_band, community=community)


def _locked_signup(signup: Signup, actor: Any) -> tuple[Opportunity, Signup]:
    locked = lock_opportunity(signup.opportunity_id)
    fresh = Signup.objects.select_for_update().get(pk=signup.pk)
    if actor is not None and not actor.has_perm(MANAGE, locked):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    return locked, fresh


def cancel_signup(signup: Signup, *, actor: Any = None) -> Signup:
    """Cancel a place (by the person's link, or by the community); cancelling twice changes nothing."""
    with transaction.atomic():
        locked, fresh = _locked_signup(signup, actor)
        if fresh.status == S.CANCELLED:
            return fresh
        if fresh.attended_at is not None:
            raise ValidationError(_("参加を記録した申込みは取り消せません。"))
        fresh.status, fresh.cancelled_at = S.CANCELLED, timezone.now()
        fresh.save(update_fields=["status", "cancelled_at"])
        if actor is not None:
            record_event("opportunity_signup.cancel", actor=actor, target=fresh, summary=locked.title,
                         data={"opportunity": locked.pk})
        return fresh


def confirm_signup(signup: Signup, *, actor: Any) -> Signup:
    """The community confirms a sign-up (it will contact the person); confirming twice changes nothing."""
    with transaction.atomic():
        locked, fresh = _locked_signup(signup, actor)
        if fresh.status == S.CONFIRMED:
            return fresh
        if fresh.status != S.APPLIED or locked.status == OpportunityStatus.CANCELLED:
            raise ValidationError(_("取り消された申込みは確定できません。"))
        fresh.status, fresh.confirmed_at, fresh.confirmed_by = S.CONFIRMED, timezone.now(), actor
        fresh.save(update_fields=["status", "confirmed_at", "confirmed_by"])
        record_event("opportunity_signup.confirm", actor=actor, target=fresh, summary=locked.title,
                     data={"opportunity": locked.pk})
        return fresh


def mark_attended(signup: Signup, *, actor: Any, attended: bool = True) -> Signup:
    """Record (or, for a mistake, withdraw) that a confirmed volunteer came."""
    with transaction.atomic():
        locked, fresh = _locked_signup(signup, actor)
        if fresh.status != S.CONFIRMED:
            raise ValidationError(_("参加確定の方だけ参加を記録できます。先に申込みを確定してください。"))
        if (fresh.attended_at is not None) == attended:
            return fresh
        fresh.attended_at = timezone.now() if attended else None
        fresh.save(update_fields=["attended_at"])
        record_event("opportunity_signup.attend" if attended else "opportunity_signup.unattend", actor=actor,
                     target=fresh, summary=locked.title, data={"opportunity": locked.pk})
        return fresh
