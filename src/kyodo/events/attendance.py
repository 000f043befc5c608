"""Attendance on the day: an organiser marks who came (from the check-in page or the printed list)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.events.models import Registration, RegistrationStatus


def mark_attended(registration: Registration, *, actor: Any, attended: bool = True) -> Registration:
    """Record (or, for a mistake, withdraw) that a confirmed participant came."""
    with transaction.atomic():
        fresh = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        if not actor.has_perm("events.manage_event", fresh.event):
            raise PermissionDenied(_("この操作を行う権限がありません。"))
        if fresh.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(_("参加確定の方だけ出席を記録できます。"))
        if (fresh.attended_at is not None) == attended:
            return fresh
        fresh.attended_at = timezone.now() if attended else None
        fresh.save(update_fields=["attended_at"])
        record_event("event_registration.attend" if attended else "event_registration.unattend", actor=actor,
                     target=fresh, summary=fresh.event.title, data={"event": fresh.event_id})
        return fresh
