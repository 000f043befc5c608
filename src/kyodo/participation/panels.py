"""A community's volunteer opportunities on its public page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kyodo.panels import Panel, panel
from kyodo.participation import queries


@panel("community", 45)
def community_opportunities(request: HttpRequest, community: Any) -> Panel:
    opportunities = list(queries.public_opportunities(queries.Filters(community=community.slug))[:5])
    return Panel("volunteer", _("この地域協働体のボランティア募集"), "participation/panel.html",
                 {"opportunities": opportunities, "community": community})
