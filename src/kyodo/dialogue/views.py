"""Public pages: published answers (/opinions/), searchable and filterable, and each one's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.communities.models import District
from kyodo.dialogue import queries
from kyodo.dialogue.models import OpinionCategory, Outcome
from kyodo.dialogue.outcomes import outcome_summary
from kyodo.fiscal_years import FiscalYear

PAGE_SIZE = 30


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


@public
def opinion_list(request: HttpRequest) -> HttpResponse:
    filters = queries.PublicFilters.of(request.GET)
    page_obj = Paginator(queries.published_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "opinions": [(opinion, outcome_summary(opinion)) for opinion in page_obj.object_list],
        "filters": filters,
        "districts": District.objects.order_by("order", "name"),
        "categories": OpinionCategory.objects.all(),
        "outcomes": Outcome.choices,
        "fiscal_years": [(year, FiscalYear(year).wareki) for year in queries.published_fiscal_years()],
        "query_without_page": query_without_page(request),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("意見と回答"), None)],
    }
    template = "dialogue/opinion_list.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


@public
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = queries.published_opinion(pk)
    return render(request, "dialogue/opinion_detail.html", {
        "opinion": opinion,
        "outcome": outcome_summary(opinion),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("意見と回答"), reverse("dialogue:opinion-list")),
                   (opinion.title, None)],
    })
