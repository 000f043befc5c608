"""The liaison work in the work area: a liaison's communities with their last contact and follow-ups;
the coverage list for the city and branch staff."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.support.queries import follow_up_counts, my_communities
from kyodo.workarea import Link, Section, ToDo, section


@section(40)
def liaison_section(user: Any) -> Section | None:
    """What waits on the user as a liaison (overdue and near follow-ups), and the coverage list."""
    links = []
    if user.has_perm("support.view_coverage"):
        links.append(Link(_("地域担当職員の配置と連絡の状況"), reverse("support_staff:coverage"),
                          _("地域担当職員がいない地域協働体、連絡が途絶えている地域協働体")))
    communities = list(my_communities(user)[:50]) if getattr(user, "is_city_staff", False) else []
    if not communities and not links:
        return None
    counts = follow_up_counts(communities)
    to_do = []
    if communities and counts["overdue"]:
        worst = next(c for c in communities if getattr(c, "overdue_follow_ups", 0))
        to_do.append(ToDo(_("期限切れのフォローアップ"), counts["overdue"],
                          reverse("support_staff:community", args=[worst.slug]) + "#follow-ups", overdue=True))
    if communities and counts["due_soon"]:
        soon = next(c for c in communities if getattr(c, "due_soon_follow_ups", 0))
        to_do.append(ToDo(_("期限が近いフォローアップ(2週間以内)"), counts["due_soon"],
                          reverse("support_staff:community", args=[soon.slug]) + "#follow-ups"))
    return Section("support", _("地域担当職員として"), to_do=to_do, links=links,
                   template="support/workarea.html" if communities else "", context={"communities": communities})
