"""A community's published answers on its public page (``@panel("community")``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kyodo.dialogue.outcomes import outcome_summary
from kyodo.dialogue.queries import published_for_community
from kyodo.panels import Panel, panel


@panel("community", 40)
def community_opinions(request: HttpRequest, community: Any) -> Panel | None:
    """Public facts only: published opinions and their outcomes (one query)."""
    opinions = published_for_community(community)
    if not opinions:
        return None
    return Panel("opinions", _("意見と市の回答"), "dialogue/panels/community_opinions.html",
                 {"opinions": [(opinion, outcome_summary(opinion)) for opinion in opinions], "community": community})
