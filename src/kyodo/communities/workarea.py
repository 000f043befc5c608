"""Communities in the work area: the city's structure, and the communities that are the user's work."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.communities.queries import communities_in_scope, internally_viewable
from kyodo.workarea import Link, Section, section


@section(20)
def communities_section(user: Any) -> Section | None:
    """The communities in the user's scope (an advisor's link to the public page), and the structure for the city."""
    links = []
    if user.has_perm("communities.manage_structure"):
        links = [
            Link(_("地域協働体の管理"), reverse("communities_staff:index"), _("全地域協働体の情報・役員・計画")),
            Link(_("支所"), reverse("communities_staff:branch-list"), _("本庁・支所の一覧と編集")),
            Link(_("地区と人口・世帯数"), reverse("communities_staff:district-list"), _("年度ごとの人口・世帯数")),
        ]
    communities = list(communities_in_scope(user).select_related("district__branch_office")[:50])
    if not communities and not links:
        return None
    internal = set(internally_viewable(user).filter(pk__in=[c.pk for c in communities]).values_list("pk", flat=True))
    title = _("自分の地域協働体") if user.is_community_member else _("担当の地域協働体")
    return Section("communities", title, links=links, template="communities/staff/workarea.html",
                   context={"communities": communities, "internal_ids": internal})
