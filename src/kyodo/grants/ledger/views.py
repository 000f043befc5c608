"""Staff pages of the grants ledger (台帳): one program and year, its Excel export, and a community's history."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.charts import BLUE, GREEN, GREY, Bar, bar_chart
from kyodo.communities.models import Community
from kyodo.communities.queries import branch_offices
from kyodo.downloads import Column, download, xlsx_response
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.applications.workflow import ApplicationStatus
from kyodo.grants.ledger import queries as ledger
from kyodo.grants.models import ProgramRule

VIEW = "grants.view_grants"
VIEW_HISTORY = "grants.view_community_history"
PAGE_SIZE = 50


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("補助金"), reverse("grants_staff:index")), *more]


def _rule(program: str, fiscal_year: int) -> ProgramRule:
    return get_object_or_404(
        ProgramRule.objects.select_related("program"), program__code=program, fiscal_year=fiscal_year
    )


def _community(request: HttpRequest, slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""




def _switch_target(request: HttpRequest, rule: ProgramRule, choices: list[ProgramRule]) -> str | None:
    """The ledger URL the program/year switcher asks for, if it names another existing rule."""
    code = request.GET.get("program", "")
    year = request.GET.get("year", "")
    if not code and not year:
        return None
    wanted = (code or rule.program.code, year or str(rule.fiscal_year))
    if wanted == (rule.program.code, str(rule.fiscal_year)):
        return None
    for choice in choices:
        if (choice.program.code, str(choice.fiscal_year)) == wanted:
            return reverse("grants_staff:ledger", args=[choice.program.code, choice.fiscal_year])
    return None


@require_perm(VIEW)
def ledger_page(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponse:
    rule = _rule(program, fiscal_year)
    choices = ledger.rule_choices()
    target = _switch_target(request, rule, choices)
    if target:
        return redirect(target)
    filters = ledger.LedgerFilters.of(request.GET)
    result = ledger.ledger(rule, user=request.user, filters=filters)
    page = Paginator(result.applications, PAGE_SIZE).get_page(request.GET.get("page"))
    title = _("%(rule)sの台帳") % {"rule": rule}
    programs: dict[str, str] = {}
    for choice in choices:
        programs.setdefault(choice.program.code, choice.program.name)
    counts = result.status_counts
    return render(
        request,
        "grants/staff/ledger.html",
        {
            "rule": rule,
            "program": rule.program,
            "fiscal_year": rule.fiscal_year,
            "title": title,
            "ledger": result,
            "page_obj": page,
            "rows": ledger.rows_of(page.object_list),
            "filters": filters,
            "states": [(value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices],
            "count_all": sum(counts.values()),
            "branch_offices": branch_offices() if getattr(request.user, "is_city_admin", False) else [],
            "program_choices": list(programs.items()),
            "year_choices": sorted({choice.fiscal_year for choice in choices}, reverse=True),
            "chart": bar_chart([
                (_("予算額"), [Bar(_("予算額"), result.budget_yen, GREY)]),
                (_("交付決定額"), [Bar(_("交付決定額"), result.totals.awarded_yen, BLUE)]),
                (_("確定額"), [Bar(_("確定額"), result.totals.settled_yen, GREEN)]),
            ]),
            "query_without_page": _query_without(request, "page", "program", "year"),
            "export_query": _query_without(request, "page", "program", "year").rstrip("&"),
            "crumbs": _crumbs((title, None)),
        },
    )


LEDGER_COLUMNS = [
    Column("地域協働体"), Column("支所"), Column("事業名"), Column("状態"),
    *(Column(heading, is_yen=True) for heading in ("申請額(円)", "交付決定額(円)", "支払額(円)", "返還額(円)",
                                                  "確定額(円)", "差引(円)")),
    Column("交付決定番号"), Column("交付決定日", width=12), Column("確定日", width=12), Column("支払日", width=12),
]


@download
@require_perm(VIEW)
def ledger_export(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponseBase:
    rule = _rule(program, fiscal_year)
    result = ledger.ledger(rule, user=request.user, filters=ledger.LedgerFilters.of(request.GET))
    title: list[list[object]] = [[f"{rule.program.name} {rule.fiscal_year_obj.label} 補助金台帳"]]
    if rule.is_demo_data:
        title.append(["デモデータ: 金額は実際の一関市の制度ではありません"])
    rows = (
        [row.community_name, row.branch_name, row.title, row.status_label, row.requested_yen, row.awarded_yen,
         row.paid_yen, row.refunded_yen, row.settled_yen, row.balance_yen, row.decision_number, row.decided_on,
         row.settled_on, row.last_paid_on]
        for row in ledger.rows_of(result.applications)
    )
    totals = result.totals
    summary: list[list[object]] = [
        ["合計", "", f"{totals.count}件", "", totals.requested_yen, totals.awarded_yen, totals.paid_yen,
         totals.refunded_yen, totals.settled_yen, totals.balance_yen],
        [],
        ["予算額", result.budget_yen],
        ["交付決定額の合計", totals.awarded_yen],
        ["予算残額", result.budget_left_yen],
        [],
        ["状態", "件数"],
        *([str(label), result.status_counts.get(value, 0)] for value, label in ApplicationStatus.choices),
    ]
    return xlsx_response(
        rows, filename=f"grants-ledger-{rule.program.code}-{rule.fiscal_year}.xlsx", header=LEDGER_COLUMNS,
        sheet_title="台帳", above=title, below=summary,
    )


@require_perm(VIEW_HISTORY, load=_community)
def community_history(request: HttpRequest, community: Community, slug: str) -> HttpResponse:
    years = ledger.community_history(community)
    title = _("%(community)sの補助金の履歴") % {"community": community.name}
    chart = bar_chart([
        (FiscalYear(year.fiscal_year.year).wareki, [
            Bar(_("交付決定額"), year.totals.awarded_yen, BLUE),
            Bar(_("確定額"), year.totals.settled_yen, GREEN),
        ])
        for year in reversed(years)
    ])
    grand = ledger.LedgerTotals()
    for year in years:
        for row in year.rows:
            grand = grand + row
    return render(
        request,
        "grants/staff/community_history.html",
        {
            "community": community,
            "title": title,
            "years": years,
            "grand": grand,
            "chart": chart,
            "crumbs": [
                (_("作業画面"), reverse("staff:home")),
                (community.name, reverse("communities_staff:community", args=[community.slug])),
                (_("補助金の履歴"), None),
            ],
        },
    )
