"""Personal data of sign-ups is kept only as long as the city decides, then anonymised.

After ``days`` from the opportunity's end, a sign-up keeps what the figures need (age band, community,
came or not) and loses the name, kana and contact; its history rows, which hold the same data, are
deleted.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kyodo.audit.services import record_event
from kyodo.participation.models import Signup

ANONYMOUS = "(匿名化済み)"


def retention_days() -> int:
    """The city's retention period: KYODO_PARTICIPATION_RETENTION_DAYS, else the events' one (3 years)."""
    default = getattr(settings, "KYODO_EVENTS_RETENTION_DAYS", 365 * 3)
    return int(getattr(settings, "KYODO_PARTICIPATION_RETENTION_DAYS", default))


def anonymise(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Anonymise the sign-ups of opportunities that ended more than ``days`` ago; returns how many."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with transaction.atomic():
        pks = list(Signup.objects.filter(opportunity__ends_at__lt=cutoff, is_anonymised=False)
                   .values_list("pk", flat=True))
        if not pks:
            return 0
        Signup.objects.filter(pk__in=pks).update(name=ANONYMOUS, name_kana="", contact="", is_anonymised=True)
        Signup.history.filter(id__in=pks).delete()
        record_event("opportunity_signup.anonymise", summary=f"{len(pks)}件", data={"days": days, "count": len(pks)})
        return len(pks)
