"""The hosts' part of the work area: sign-ups waiting for their confirmation."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.participation import queries
from kyodo.workarea import Link, Section, ToDo, section


@section(65)
def participation_section(user: Any) -> Section | None:
    if not (user.has_perm("participation.list_opportunities") or user.has_perm("participation.view_participation")):
        return None
    count = queries.to_confirm_count(user) if user.has_perm("participation.list_opportunities") else 0
    to_do = [ToDo(_("確認待ちのボランティア申込み"), count, reverse("participation_staff:index"))] if count else []
    links = []
    if user.has_perm("participation.list_opportunities"):
        links.append(Link(_("ボランティア募集の管理"), reverse("participation_staff:index")))
    if user.has_perm("participation.view_participation"):
        links.append(Link(_("ボランティア参加の状況"), reverse("participation_staff:participation")))
    return Section("participation", _("ボランティア募集"), to_do=to_do, links=links)
