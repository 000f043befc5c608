"""A company's contact and the city in the work area: partnerships to write, to fix, to review."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.companies import queries
from kyodo.companies.models import PartnershipStatus
from kyodo.workarea import Link, Section, ToDo, section

S = PartnershipStatus


@section(90)
def company_section(user: Any) -> Section | None:
    """The contact's company: drafts to submit and returned partnerships to fix (one query)."""
    if getattr(user, "company_id", None) is None or not user.has_perm("companies.create_partnership"):
        return None  # a superuser has every permission but no company
    index = reverse("companies_staff:index")
    counts = queries.counts_by_status(user)
    to_do = [item for item in (
        ToDo(_("差し戻された取組(直して再提出)"), counts.get(S.RETURNED, 0), f"{index}?status={S.RETURNED}"),
        ToDo(_("提出していない下書き"), counts.get(S.DRAFT, 0), f"{index}?status={S.DRAFT}"),
    ) if item.count]
    links = [Link(_("自社の取組"), index), Link(_("取組を登録する"), reverse("companies_staff:partnership-create")),
             Link(_("自社の紹介を編集する"), reverse("companies_staff:company-edit", args=[user.company.slug]))]
    return Section("company", _("企業の参画: %(name)s") % {"name": user.company.name}, to_do=to_do, links=links)


@section(76)
def city_section(user: Any) -> Section | None:
    """The city's review queue (one query)."""
    if not user.has_perm("companies.review_partnership"):
        return None
    index = reverse("companies_staff:index")
    waiting = queries.counts_by_status(user).get(S.SUBMITTED, 0)
    to_do = [ToDo(_("企業の参画: 確認待ち"), waiting, f"{index}?status={S.SUBMITTED}")] if waiting else []
    return Section("companies", _("企業の参画"), to_do=to_do, links=[
        Link(_("企業の参画の取組"), index), Link(_("企業の一覧・登録"), reverse("companies_staff:company-list"))])
