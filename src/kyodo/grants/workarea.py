"""Subsidies in the work area: the application queue, the programs and rules, the community's entitlements."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.grants.applications.todo import to_do
from kyodo.workarea import Link, Section, section


@section(30)
def grants_section(user: Any) -> Section | None:
    """What waits on the user (applications by state, with due dates), and links to the subsidy pages."""
    links = []
    if user.has_perm("grants.list_applications"):
        links.append(Link(_("補助金の申請"), reverse("grants_staff:application-list"),
                          _("申請の作成・審査・交付決定を状態ごとに")))
    if user.has_perm("grants.view_grants"):
        links.append(Link(_("補助金制度と年度別ルール"), reverse("grants_staff:index"), _("交付見込額、ルールの試算")))
    if user.is_community_member:
        links.append(Link(_("補助金の交付見込額"), reverse("grants_staff:my-entitlements", args=[user.community.slug]),
                          _("申請できる補助金と金額、申請の作成")))
    items = to_do(user)
    return Section("grants", _("補助金"), to_do=items, links=links) if links or items else None
