"""The companies working with a community, on its public page; the newest partnerships on the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.companies import queries
from kyodo.panels import Link, Panel, links_panel, panel


@panel("community", 75)
def community_companies(request: HttpRequest, community: Any) -> Panel | None:
    """The listed companies with a published partnership with this community (one query)."""
    companies = queries.community_companies(community)
    if not companies:
        return None
    return Panel("companies", _("この地域協働体と協働する企業"), "companies/panel_community.html",
                 {"companies": companies, "community": community})


@panel("home", 75)
def home_partnerships(request: HttpRequest, obj: Any) -> Panel | None:
    """The latest published partnerships (one query)."""
    links = [Link(partnership.company.get_absolute_url(), partnership.title, partnership.company.name)
             for partnership in queries.public_partnerships()[:3]]
    return links_panel("companies", _("企業の参画"), links, more_url=reverse("companies:list"),
                       more_label=_("参画している企業をすべて見る"))
