"""Registering for an event, cancelling, and the waiting list: the capacity is never exceeded.

Every write that changes who holds a place first locks the event's row (``SELECT … FOR UPDATE`` on
PostgreSQL; on SQLite the ``IMMEDIATE`` transaction already holds the database's write lock), then
counts the confirmed places. Two registrations for the same event therefore never both see the last
free place; registrations for different events do not wait for each other on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.events.models import Audience, Channel, Event, EventStatus, Registration, RegistrationStatus

R = RegistrationStatus
STAFF_CHANNELS = frozenset({Channel.PHONE, Channel.PAPER})


def lock_event(event_pk: int) -> Event:
    """The event's row, locked until the transaction ends (call inside ``transaction.atomic``)."""
    return Event.objects.select_for_update().get(pk=event_pk)


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=R.CONFIRMED).count()


def window_problem(event: Event, now: Any = None) -> str:
    """Why the public may not register now ("" when they may)."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return _("この催しは現在、申込みを受け付けていません。")
    if now < event.registration_opens_at:
        return _("申込みの受付はまだ始まっていません。")
    if now >= event.registration_closes_at:
        return _("申込みの受付期間は終了しました。")
    return ""


def register(
    event: Event, *, name: str, name_kana: str, contact: str, age_band: str, community: Any = None,
    user: Any = None, channel: str = Channel.WEB, actor: Any = None,
) -> Registration:
    """A place for the person, or a place on the waiting list when the event is full.

    ``channel`` phone/paper: staff (``actor``, an organiser) register someone who phoned or handed in a
    form; they may do so outside the registration window while the event is not cancelled or over.
    """
    with transaction.atomic():
        locked = lock_event(event.pk)
        by_staff = channel in STAFF_CHANNELS
        if by_staff:
            if actor is None or not actor.has_perm("events.manage_event", locked):
                raise PermissionDenied(_("この操作を行う権限がありません。"))
            if locked.status in {EventStatus.DRAFT, EventStatus.CANCELLED} or locked.ends_at < timezone.now():
                raise ValidationError(_("この催しには申込みを登録できません。"))
        else:
            problem = window_problem(locked)
            if problem:
                raise ValidationError(problem)
            if locked.audience == Audience.CITY_STAFF and not getattr(user, "is_city_staff", False):
                raise ValidationError(_("この催しは市職員のみが申し込めます。"))
        if locked.audience == Audience.COMMUNITIES and community is None:
            raise ValidationError({"community": _("所属する地域協働体を選んでください。")})
        duplicate = locked.registrations.exclude(status=R.CANCELLED).filter(name_kana=name_kana, contact=contact)
        if duplicate.exists():
            raise ValidationError(_("同じお名前と連絡先で、すでに申込みがあります。"))
        status = R.CONFIRMED if confirmed_count(locked) < locked.capacity else R.WAITING
        registration = Registration.objects.create(
            event=locked, name=name, name_kana=name_kana, contact=contact, age_band=age_band, community=community,
            user=user if getattr(user, "is_authenticated", False) else None,
            channel=Channel.ACCOUNT if channel == Channel.WEB and getattr(user, "is_authenticated", False) else channel,
            status=status, registered_by=actor if by_staff else None,
        )
        if by_staff:
            record_event("event_registration.register", actor=actor, target=registration,
                         summary=f"{locked.title}: {registration.get_channel_display()}",
                         data={"event": locked.pk, "status": status})
        return registration


def promote_waiting(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served (the event locked by the caller)."""
    free = event.capacity - confirmed_count(event)
    if free <= 0:
        return []
    promoted = list(event.registrations.filter(status=R.WAITING).order_by("registered_at", "pk")[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = R.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    return promoted


def cancel(registration: Registration, *, actor: Any = None) -> list[Registration]:
    """Cancel a place (by the person's link, or by an organiser); the waiting list moves up.

    Returns who was promoted. Cancelling twice changes nothing.
    """
    with transaction.atomic():
        locked = lock_event(registration.event_id)
        fresh = Registration.objects.select_for_update().get(pk=registration.pk)
        if actor is not None and not actor.has_perm("events.manage_event", locked):
            raise PermissionDenied(_("この操作を行う権限がありません。"))
        if fresh.status == R.CANCELLED:
            return []
        if fresh.attended_at is not None:
            raise ValidationError(_("出席を記録した申込みは取り消せません。"))
        fresh.status = R.CANCELLED
        fresh.cancelled_at = timezone.now()
        fresh.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waiting(locked) if locked.status != EventStatus.CANCELLED else []
        if actor is not None:
            record_event("event_registration.cancel", actor=actor, target=fresh, summary=locked.title,
                         data={"event": locked.pk, "promoted": [r.pk for r in promoted]})
        registration.status, registration.cancelled_at = fresh.status, fresh.cancelled_at
        return promoted
