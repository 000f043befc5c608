"""Writes on accounts."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone

from kyodo.accounts.models import User


def end_all_sessions(user: User) -> int:
    """Delete every live session of ``user``; returns how many were ended."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended
