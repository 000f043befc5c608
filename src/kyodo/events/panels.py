"""The events of a community on its public page, with the iCal feed of its events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kyodo.events import queries
from kyodo.panels import Panel, panel


@panel("community", 40)
def community_events(request: HttpRequest, community: Any) -> Panel:
    events = list(queries.public_events(community_slug=community.slug)[:5])
    return Panel("events", _("この地域協働体の催し"), "events/panel.html",
                 {"events": events, "community": community})
