"""A community's published reports on its public page; the reports an exchange meeting presented on the
event's public and staff pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.events.models import Category
from kyodo.panels import Link, Panel, links_panel, panel
from kyodo.practice import queries
from kyodo.practice.models import PracticeReport
from kyodo.templatetags.kyodo_tags import wareki


@panel("community", 45)
def community_reports(request: HttpRequest, community: Any) -> Panel:
    reports = list(queries.public_reports(queries.Filters(community=community.slug))[:5])
    return Panel("practice", _("この地域協働体の活動事例"), "practice/panel_community.html",
                 {"reports": reports, "community": community})


def _presented(event: Any) -> list[PracticeReport]:
    return list(PracticeReport.objects.published().filter(presented_at=event).select_related("community")
                .order_by("community__name_kana", "pk"))


@panel("event", 50)
def event_reports(request: HttpRequest, event: Any) -> Panel | None:
    if event.kind.category != Category.EXCHANGE:
        return None
    reports = _presented(event)
    if not reports:
        return None
    return Panel("practice", _("発表された活動事例"), "practice/panel_event.html", {"reports": reports})


@panel("event_staff", 50)
def event_staff_reports(request: HttpRequest, event: Any) -> Panel | None:
    if event.kind.category != Category.EXCHANGE:
        return None
    return Panel("practice", _("発表された活動事例"), "practice/panel_event.html",
                 {"reports": _presented(event), "event": event, "choose": True})


@panel("home", 30)
def home_reports(request: HttpRequest, obj: Any) -> Panel | None:
    """The latest published activity reports (one query)."""
    links = [Link(report.get_absolute_url(), report.title, f"{report.community.name} / {wareki(report.held_on)}")
             for report in queries.public_reports().select_related("community")[:3]]
    return links_panel("practice", _("新しい活動事例"), links, more_url=reverse("practice:list"),
                       more_label=_("活動事例をすべて見る"))
