"""A community's published answers on its public page (``@panel("community")``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.dialogue.outcomes import outcome_summary
from kyodo.dialogue.queries import published, published_for_community
from kyodo.panels import Link, Panel, links_panel, panel
from kyodo.templatetags.kyodo_tags import wareki

MEASURE_OPINIONS = 20


@panel("community", 40)
def community_opinions(request: HttpRequest, community: Any) -> Panel | None:
    """Public facts only: published opinions and their outcomes (one query)."""
    opinions = published_for_community(community)
    if not opinions:
        return None
    return Panel("opinions", _("意見と市の回答"), "dialogue/panels/community_opinions.html",
                 {"opinions": [(opinion, outcome_summary(opinion)) for opinion in opinions], "community": community})


@panel("community", 41)
def community_meetings(request: HttpRequest, community: Any) -> Panel | None:
    """The community's meetings: the next ones and the latest held (one query; counts only, no names)."""
    from kyodo.dialogue.models import Meeting

    meetings = list(Meeting.objects.filter(communities=community).select_related("kind").order_by("-starts_at")[:5])
    if not meetings:
        return None
    return Panel("meetings", _("意見交換会・懇談会"), "dialogue/panels/community_meetings.html",
                 {"meetings": meetings})


@panel("measure", 40)
def measure_opinions(request: HttpRequest, measure: Any) -> Panel | None:
    """The published opinions whose answer was reflected in this measure (one query)."""
    links = [Link(opinion.get_absolute_url(), opinion.title,
                  " · ".join(filter(None, [opinion.community.name if opinion.community else "",
                                           wareki(opinion.published_at)])))
             for opinion in published().filter(outcome_plan_measure=measure)
             .select_related("community").order_by("-published_at", "-pk")[:MEASURE_OPINIONS]]
    return links_panel("opinions", _("この事業に反映された地域の意見"), links,
                       more_url=reverse("dialogue:opinion-list"), more_label=_("意見と回答をすべて見る"))


@panel("home", 40)
def home_answers(request: HttpRequest, obj: Any) -> Panel | None:
    """The latest published answers to opinions (one query)."""
    links = [Link(opinion.get_absolute_url(), opinion.title, wareki(opinion.published_at))
             for opinion in published().order_by("-published_at", "-pk")[:3]]
    return links_panel("answers", _("新しく公開された回答"), links, more_url=reverse("dialogue:opinion-list"),
                       more_label=_("意見と回答をすべて見る"))
