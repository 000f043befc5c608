"""Rows of the support app for tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kyodo.support.models import Contact


def make_contact(community, staff, *, days_ago: int = 10, follow_up: str = "", due_in: int | None = None,
                 done: bool = False, summary: str = "事務局を訪問した。") -> Contact:
    today = timezone.localdate()
    return Contact.objects.create(
        community=community, staff=staff, contacted_on=today - dt.timedelta(days=days_ago), way="visit",
        summary=summary, follow_up=follow_up,
        follow_up_due=today + dt.timedelta(days=due_in) if due_in is not None else None,
        follow_up_done_on=today if done else None,
    )


def ensure_follow_up(community, staff) -> Contact:
    existing = Contact.objects.filter(community=community).exclude(follow_up="").first()
    return existing or make_contact(community, staff, follow_up="資料を届ける", due_in=5)
