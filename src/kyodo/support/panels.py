"""The support app's part of a community's pages: its current liaison (public: name and section only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kyodo.panels import Panel, panel
from kyodo.support.queries import public_liaison


@panel("community", 50)
def liaison_panel(request: HttpRequest, community: Any) -> Panel:
    """The current liaison's name and section: the only fact of the liaison work the public sees."""
    return Panel("liaison", _("地域担当職員"), "support/panels/liaison.html",
                 {"assignment": public_liaison(community)})


@panel("community_staff", 50)
def support_panel(request: HttpRequest, community: Any) -> Panel | None:
    """A link to the community's support page, for those who may open it."""
    if not request.user.has_perm("support.view_community_support", community):
        return None
    return Panel("support", _("地域担当職員と連絡記録"), "support/panels/staff_link.html",
                 {"assignment": public_liaison(community), "community": community})
