"""Public pages: what measure 16 is and the companies taking part (by kind, area, community, words), and one
company with its published partnerships."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.companies import queries
from kyodo.companies.models import PartnershipKind

PAGE_SIZE = 20


@public
def company_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "").strip()
    filters = queries.Filters(
        kind=kind if kind in PartnershipKind.values else "",
        community=request.GET.get("community", "").strip()[:60],
        area=request.GET.get("area", "").strip()[:50],
        text=request.GET.get("q", "").strip()[:100],
    )
    page_obj = Paginator(queries.public_companies(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "companies/list.html", {
        "page_obj": page_obj, "companies": page_obj.object_list, "filters": filters,
        "kinds": PartnershipKind.choices, "communities": queries.communities(), "areas": queries.areas(),
        "contact": settings.SITE_CONTACT,
        "query_without_page": f"{params.urlencode()}&" if params else "",
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("企業の参画"), None)],
    })


@public
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = queries.public_company(slug)
    return render(request, "companies/detail.html", {
        "company": company, "partnerships": queries.published_partnerships_of(company),
        "can_edit": request.user.has_perm("companies.edit_company", company),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("企業の参画"), reverse("companies:list")),
                   (company.name, None)],
    })
