"""The communities' and the city's part of the work area: activity reports."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.workarea import Link, Section, section


@section(65)
def practice_section(user: Any) -> Section | None:
    if not user.has_perm("practice.list_reports"):
        return None
    links = [Link(_("活動事例の管理"), reverse("practice_staff:index"))]
    if user.has_perm("practice.create_report"):
        links.append(Link(_("活動事例を書く"), reverse("practice_staff:report-create")))
    if user.has_perm("practice.manage_themes"):
        links.append(Link(_("活動事例のテーマ"), reverse("practice_staff:theme-list"),
                          _("事例を探すためのテーマの一覧")))
    return Section("practice", _("活動事例"), links=links)
