"""The support app's part of a community's pages: its current liaison (public: name and section only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kyodo.panels import Panel, panel
from kyodo.support.queries import public_liaison
from kyodo.support.scopes import DISPATCH


@panel("community", 50)
def liaison_panel(request: HttpRequest, community: Any) -> Panel:
    """The current liaison's name and section: the only fact of the liaison work the public sees."""
    return Panel("liaison", _("地域担当職員"), "support/panels/liaison.html",
                 {"assignment": public_liaison(community)})


@panel("community_staff", 50)
def support_panel(request: HttpRequest, community: Any) -> Panel | None:
    """The community's liaison, its dispatch requests, and links: to the support page (city staff), to ask for
    staff (its members)."""
    user = request.user
    sees_support = user.has_perm("support.view_community_support", community)
    may_request = user.has_perm("support.request_dispatch", community)
    if not (sees_support or may_request or user.has_perm("support.see_dispatch_of", community)):
        return None
    requests = list(DISPATCH.queryset(user).filter(community=community).select_related("assigned_staff")[:5])
    return Panel("support", _("地域担当職員と職員派遣"), "support/panels/staff_link.html",
                 {"assignment": public_liaison(community), "community": community, "sees_support": sees_support,
                  "may_request": may_request, "requests": requests})
