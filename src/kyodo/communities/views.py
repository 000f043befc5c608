"""Public pages: the directory of community bodies and each one's profile with its plan."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.communities import queries
from kyodo.communities.models import Community
from kyodo.panels import panels_for

PAGE_SIZE = 50


def query_without_page(request: HttpRequest) -> str:
    """The current query string minus ``page``, ready to take ``page=…`` (for includes/pagination.html)."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def directory_filters(request: HttpRequest) -> dict[str, str]:
    """The search text, branch slug and status from the query string; unknown status ignored."""
    status = request.GET.get("status", "")
    return {
        "text": request.GET.get("q", "").strip()[:100],
        "branch_slug": request.GET.get("branch", "").strip()[:60],
        "status": status if status in Community.Status.values else "",
    }


@public
def community_list(request: HttpRequest) -> HttpResponse:
    filters = directory_filters(request)
    communities = queries.public_directory(**filters)
    page_obj = Paginator(communities, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "communities": page_obj.object_list,
        "filters": filters,
        "branch_offices": queries.branch_offices(),
        "statuses": Community.Status.choices,
        "query_without_page": query_without_page(request),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("地域協働体"), None)],
    }
    template = "communities/community_list.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


@public
def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    profile = queries.community_profile(slug)
    community = profile.community
    show_internal = request.user.has_perm("communities.view_community_internal", community)
    context = {
        "profile": profile,
        "community": community,
        "plan": profile.plan,
        "show_internal": show_internal,
        "can_edit": show_internal and request.user.has_perm("communities.edit_community", community),
        "crumbs": [
            (_("ホーム"), reverse("portal:home")),
            (_("地域協働体"), reverse("communities:list")),
            (community.name, None),
        ],
    }
    context["panels"] = panels_for("community", request, community)
    if show_internal:
        context["age_bands"], context["officers_sixty_and_over"] = queries.age_band_summary(profile.officers)
    return render(request, "communities/community_detail.html", context)
