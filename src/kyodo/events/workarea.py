"""The organisers' part of the work area: their events still to hold."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.events import queries
from kyodo.workarea import Link, Section, ToDo, section


@section(60)
def events_section(user: Any) -> Section | None:
    if not (user.has_perm("events.list_events") or user.has_perm("events.view_participation")):
        return None
    count = queries.upcoming_count(user) if user.has_perm("events.list_events") else 0
    to_do = [ToDo(_("これから開く催し(下書き・公開中)"), count, reverse("events_staff:index"))] if count else []
    links = []
    if user.has_perm("events.list_events"):
        links.append(Link(_("研修会・交流会の管理"), reverse("events_staff:index")))
    if user.has_perm("events.view_participation"):
        links.append(Link(_("参加の状況"), reverse("events_staff:participation")))
    if user.has_perm("events.view_training_history"):
        links.append(Link(_("研修の受講歴"), reverse("events_staff:history")))
    if user.has_perm("events.manage_kinds"):
        links.append(Link(_("催しの種類"), reverse("events_staff:kinds")))
    return Section("events", _("研修会・交流会"), to_do=to_do, links=links)
