"""Personal data of registrations is kept only as long as the city decides, then anonymised.

After ``days`` from the event's end, a registration keeps what the figures need (age band, community,
attended or not, channel) and loses the name, kana, contact and account; its history rows, which hold
the same data, are deleted.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kyodo.audit.services import record_event
from kyodo.events.models import Registration

ANONYMOUS = "(匿名化済み)"


def retention_days() -> int:
    return int(getattr(settings, "KYODO_EVENTS_RETENTION_DAYS", 365 * 3))


def anonymise(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Anonymise the registrations of events that ended more than ``days`` ago; returns how many."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with transaction.atomic():
        due = Registration.objects.filter(event__ends_at__lt=cutoff).exclude(name=ANONYMOUS)
        pks = list(due.values_list("pk", flat=True))
        if not pks:
            return 0
        Registration.objects.filter(pk__in=pks).update(name=ANONYMOUS, name_kana="", contact="", user=None)
        Registration.history.filter(id__in=pks).delete()
        record_event("event_registration.anonymise", summary=f"{len(pks)}件", data={"days": days, "count": len(pks)})
        return len(pks)
