"""Public pages: the subsidy programs, each fiscal year's budget, and what was awarded and settled
(public money is public: amounts per program, year and community, never people or drafts)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.communities import queries as community_queries
from kyodo.communities.models import Community
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.ledger import queries as ledger
from kyodo.grants.models import GrantProgram, ProgramRule
from kyodo.grants.programs import queries
from kyodo.query_params import query_fiscal_year

PAGE_SIZE = 50


@dataclass(frozen=True)
class OpenCall:
    """A program's rule for the current fiscal year, and where its application window stands today."""

    program: GrantProgram
    rule: ProgramRule
    state: str  # "before", "open", "closed"


def _open_calls(programs: list[queries.ProgramYears], year: FiscalYear) -> list[OpenCall]:
    today = timezone.localdate()
    calls = []
    for item in programs:
        rule = next((rule for rule in item.rules if rule.fiscal_year == year.year), None)
        if rule is None:
            continue
        state = ("before" if today < rule.application_opens_on
                 else "closed" if today > rule.application_closes_on else "open")
        calls.append(OpenCall(item.program, rule, state))
    return calls


@public
def index(request: HttpRequest) -> HttpResponse:
    """The programs, this fiscal year's application windows, how to apply and whom to ask."""
    programs = queries.programs_with_rules()
    year = FiscalYear.current()
    return render(request, "grants/index.html", {
        "programs": programs,
        "fiscal_year": year,
        "open_calls": _open_calls(programs, year),
        "branch_offices": list(community_queries.branch_offices()),
        "contact": settings.SITE_CONTACT,
    })


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("ホーム"), reverse("portal:home")), (_("補助金"), reverse("grants:index")), *more]


def _chosen_year(request: HttpRequest, years: list[int]) -> int | None:
    chosen = query_fiscal_year(request)
    if chosen in years:
        return chosen
    this_year = FiscalYear.current().year
    return next((year for year in years if year <= this_year), years[0] if years else None)


@public
def totals(request: HttpRequest) -> HttpResponse:
    years = ledger.public_years()
    year = _chosen_year(request, years)
    text = request.GET.get("q", "")[:100]
    page = None
    if year is not None:
        page = Paginator(ledger.public_awards_query(year, text), PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = [ledger.public_award(row) for row in page.object_list]  # type: ignore[misc]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "grants/totals.html",
        {
            "program_totals": ledger.public_program_totals(),
            "years": years,
            "year": year,
            "q": text,
            "page_obj": page,
            "awards": page.object_list if page is not None else [],
            "query_without_page": f"{params.urlencode()}&" if params else "",
            "crumbs": _crumbs((_("交付決定と額の確定の集計"), None)),
        },
    )


@public
def community_totals(request: HttpRequest, slug: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    years = ledger.community_history(community, awarded_only=True)
    return render(
        request,
        "grants/community_totals.html",
        {
            "community": community,
            "years": years,
            "crumbs": _crumbs((_("交付決定と額の確定の集計"), reverse("grants:totals")), (community.name, None)),
        },
    )
