"""The events of a community on its public page, with the iCal feed of its events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.events import queries
from kyodo.panels import Link, Panel, links_panel, panel
from kyodo.templatetags.kyodo_tags import wareki_datetime


@panel("community", 40)
def community_events(request: HttpRequest, community: Any) -> Panel:
    events = list(queries.public_events(community_slug=community.slug)[:5])
    return Panel("events", _("この地域協働体の催し"), "events/panel.html",
                 {"events": events, "community": community})


@panel("home", 10)
def home_events(request: HttpRequest, obj: Any) -> Panel | None:
    """The next public events (one query)."""
    links = [Link(event.get_absolute_url(), event.title, wareki_datetime(event.starts_at))
             for event in queries.public_events()[:3]]
    return links_panel("events", _("これからの研修会・交流会"), links, more_url=reverse("events:list"),
                       more_label=_("研修会・交流会をすべて見る"))
