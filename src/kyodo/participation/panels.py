"""A community's volunteer opportunities on its public page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.panels import Link, Panel, links_panel, panel
from kyodo.participation import queries
from kyodo.templatetags.kyodo_tags import wareki_datetime


@panel("community", 45)
def community_opportunities(request: HttpRequest, community: Any) -> Panel:
    opportunities = list(queries.public_opportunities(queries.Filters(community=community.slug))[:5])
    return Panel("volunteer", _("この地域協働体のボランティア募集"), "participation/panel.html",
                 {"opportunities": opportunities, "community": community})


@panel("home", 20)
def home_opportunities(request: HttpRequest, obj: Any) -> Panel | None:
    """The next volunteer opportunities (one query)."""
    links = [Link(item.get_absolute_url(), item.title, wareki_datetime(item.starts_at))
             for item in queries.public_opportunities(queries.Filters())[:3]]
    return links_panel("volunteer", _("ボランティア募集"), links, more_url=reverse("participation:list"),
                       more_label=_("ボランティア募集をすべて見る"))
