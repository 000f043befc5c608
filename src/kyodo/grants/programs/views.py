"""Staff pages: programs and rules, entitlements, rule simulation and scenarios."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.charts import GREEN, GREY, Bar, bar_chart
from kyodo.communities.models import Community
from kyodo.communities.queries import communities_in_scope
from kyodo.downloads import Column, download, xlsx_response
from kyodo.editing import form_data, form_view
from kyodo.fiscal_years import FiscalYear
from kyodo.forms_http import form_status
from kyodo.grants.applications.queries import community_to_do
from kyodo.grants.models import Application, GrantProgram, ProgramRule, SimulationScenario
from kyodo.grants.programs import forms, queries, services
from kyodo.grants.programs.entitlements import ROUNDING_LABELS, Parameters
from kyodo.query_params import query_ints

VIEW = "grants.view_grants"
MANAGE = "grants.manage_rules"
SIMULATE = "grants.simulate"


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("補助金"), reverse("grants_staff:index")), *more]


def _rule(program: str, fiscal_year: int) -> ProgramRule:
    return get_object_or_404(
        ProgramRule.objects.select_related("program"), program__code=program, fiscal_year=fiscal_year
    )


@require_perm(VIEW)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "grants/staff/index.html",
        {
            "programs": queries.programs_with_rules(),
            "can_manage": request.user.has_perm(MANAGE),
            "can_simulate": request.user.has_perm(SIMULATE),
            "crumbs": [(_("作業画面"), reverse("staff:home")), (_("補助金"), None)],
        },
    )


RULE_INTRO = gettext_lazy(
    "金額は円単位の整数です。世帯数割・人口割は地区のその年度の世帯数・人口に掛けます。申請があった年度のルールは変更できません。"
)


@require_perm(MANAGE)
def rule_create(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    program = GrantProgram.objects.filter(code=request.GET.get("program", "")).first()
    if program:
        initial["program"] = program
        latest = program.rules.order_by("-fiscal_year").first()
        if latest:
            initial["fiscal_year"] = latest.fiscal_year + 1
    title = _("年度別ルールの作成")
    return form_view(
        request, forms.RuleForm(form_data(request), initial=initial),
        lambda form: services.create_rule(
            form.cleaned_data["program"], actor=request.user, fiscal_year=form.cleaned_data["fiscal_year"],
            **form.values(),
        ),
        success_url=reverse("grants_staff:index"),
        success_message=lambda rule: _("%(rule)sのルールを作成しました。") % {"rule": rule},
        title=title, crumbs=_crumbs((title, None)), cancel_url=reverse("grants_staff:index"),
        context={"intro": RULE_INTRO},
    )


@require_perm(MANAGE)
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ProgramRule.objects.select_related("program"), pk=pk)
    if rule.is_locked:
        messages.warning(request, str(services.RuleLocked()))
    title = _("%(rule)sのルールの編集") % {"rule": rule}
    return form_view(
        request, forms.RuleForm(form_data(request), instance=rule),
        lambda form: services.update_rule(
            ProgramRule.objects.get(pk=rule.pk), actor=request.user, version=form.seen_version, **form.values()
        ),
        success_url=reverse("grants_staff:index"), success_message=_("ルールを保存しました。"),
        title=title, crumbs=_crumbs((title, None)), cancel_url=reverse("grants_staff:index"),
        context={"intro": RULE_INTRO},
    )


@require_perm(VIEW)
def entitlements(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponse:
    grant_program = get_object_or_404(GrantProgram, code=program)
    rule = queries.rule_for(grant_program, fiscal_year)
    rows = queries.entitlements(grant_program, fiscal_year, communities=communities_in_scope(request.user), rule=rule)
    return render(
        request,
        "grants/staff/entitlements.html",
        {
            "program": grant_program,
            "fiscal_year": fiscal_year,
            "rule": rule,
            "rows": rows,
            "total_yen": sum(row.amount_yen or 0 for row in rows),
            "eligible_count": sum(1 for row in rows if row.eligible),
            "rounding_label": ROUNDING_LABELS.get(rule.rounding_unit_yen, "") if rule else "",
            "crumbs": _crumbs((f"{grant_program.name} {FiscalYear(fiscal_year).wareki}", None)),
        },
    )


def _parameters_form(request: HttpRequest, rule: ProgramRule) -> forms.ParametersForm:
    if any(name in request.GET for name in forms.ParametersForm.base_fields):
        return forms.ParametersForm(request.GET)
    return forms.ParametersForm(initial=forms.ParametersForm.initial_of(rule.parameters))


def _proposal(request: HttpRequest, rule: ProgramRule) -> tuple[forms.ParametersForm, Parameters]:
    form = _parameters_form(request, rule)
    return form, (form.parameters() if form.is_bound and form.is_valid() else rule.parameters)


def _chart(simulation: queries.Simulation) -> dict[str, Any]:
    """Current and proposed amounts per community."""
    return bar_chart([
        (row.community.name, [Bar(_("現行"), row.current_yen, GREY), Bar(_("試算案"), row.proposed_yen, GREEN)])
        for row in simulation.rows
    ])


@require_perm(SIMULATE)
def simulation(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponse:
    rule = _rule(program, fiscal_year)
    form, proposal = _proposal(request, rule)
    result = queries.simulate(rule, proposal)
    scenario_form = forms.ScenarioForm(initial={**proposal.as_dict(), "name": ""})
    return render(
        request,
        "grants/staff/simulation.html",
        {
            "rule": rule,
            "program": rule.program,
            "fiscal_year": rule.fiscal_year,
            "form": form,
            "simulation": result,
            "chart": _chart(result),
            "proposal": proposal,
            "scenario_form": scenario_form,
            "export_query": request.GET.urlencode(),
            "crumbs": _crumbs((_("%(rule)sの試算") % {"rule": rule}, None)),
        },
    )


SIMULATION_COLUMNS = [
    Column("地域協働体"), Column("地区"), Column("世帯数"), Column("人口"), Column("対象"),
    Column("現行(円)", is_yen=True), Column("試算案(円)", is_yen=True), Column("差額(円)", is_yen=True),
]


@download
@require_perm(SIMULATE)
def simulation_export(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponseBase:
    rule = _rule(program, fiscal_year)
    _form, proposal = _proposal(request, rule)
    result = queries.simulate(rule, proposal)
    above: list[list[object]] = [[f"{rule.program.name} {rule.fiscal_year_obj.label} 補助金額の試算"]]
    if rule.is_demo_data:
        above.append(["デモデータ: 金額は実際の一関市の制度ではありません"])
    above.append(["", "基本額", "世帯数割", "人口割", "上限額", "端数処理"])
    for label, params in (("現行", rule.parameters), ("試算案", proposal)):
        above.append([label, params.base_yen, params.per_household_yen, params.per_resident_yen, params.cap_yen,
                      ROUNDING_LABELS[params.rounding_unit_yen]])
    above.append([])
    rows = (
        [row.community.name, row.district.name, row.households, row.population, "対象" if row.eligible else "対象外",
         row.current_yen, row.proposed_yen, row.difference_yen]
        for row in result.rows
    )
    below: list[list[object]] = [
        ["合計", "", "", "", "", result.total_current_yen, result.total_proposed_yen, result.total_difference_yen],
        ["予算額", "", "", "", "", result.budget_yen, result.budget_yen, ""],
        ["予算残額", "", "", "", "", result.remaining_current_yen, result.remaining_yen, ""],
    ]
    return xlsx_response(
        rows, filename=f"grants-simulation-{rule.program.code}-{rule.fiscal_year}.xlsx", header=SIMULATION_COLUMNS,
        sheet_title="試算", above=above, below=below,
    )


@require_perm(SIMULATE)
@require_POST
def scenario_save(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponse:
    rule = _rule(program, fiscal_year)
    form = forms.ScenarioForm(request.POST)
    if not form.is_valid():
        result = queries.simulate(rule, rule.parameters)
        return render(
            request,
            "grants/staff/simulation.html",
            {
                "rule": rule,
                "program": rule.program,
                "fiscal_year": rule.fiscal_year,
                "form": forms.ParametersForm(initial=rule.parameters.as_dict()),
                "simulation": result,
                "chart": _chart(result),
                "proposal": rule.parameters,
                "scenario_form": form,
                "export_query": "",
                "crumbs": _crumbs((_("%(rule)sの試算") % {"rule": rule}, None)),
            },
            status=form_status(form),
        )
    scenario = services.save_scenario(
        rule.program,
        actor=request.user,
        fiscal_year=rule.fiscal_year,
        name=form.cleaned_data["name"],
        parameters=form.parameters(),
    )
    messages.success(request, _("試算案「%(name)s」を保存しました。") % {"name": scenario.name})
    return redirect("grants_staff:scenario-list", program=rule.program.code, fiscal_year=rule.fiscal_year)


@require_perm(SIMULATE)
def scenario_list(request: HttpRequest, program: str, fiscal_year: int) -> HttpResponse:
    rule = _rule(program, fiscal_year)
    scenarios = list(SimulationScenario.objects.filter(program=rule.program, fiscal_year=fiscal_year))
    chosen_ids = set(query_ints(request, "compare"))
    chosen = [s for s in scenarios if s.pk in chosen_ids] or scenarios[:3]
    comparison = queries.compare_scenarios(rule, chosen)
    return render(
        request,
        "grants/staff/scenarios.html",
        {
            "rule": rule,
            "program": rule.program,
            "fiscal_year": fiscal_year,
            "scenarios": scenarios,
            "comparison": comparison,
            "chosen_ids": {s.pk for s in chosen},
            "next_year_has_rule": ProgramRule.objects.filter(
                program=rule.program, fiscal_year=fiscal_year + 1
            ).exists(),
            "crumbs": _crumbs((_("%(rule)sの試算案") % {"rule": rule}, None)),
        },
    )


def _scenario(pk: int) -> SimulationScenario:
    return get_object_or_404(SimulationScenario.objects.select_related("program"), pk=pk)


@require_perm(SIMULATE)
def scenario_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _scenario(pk)
    list_url = reverse("grants_staff:scenario-list", args=[scenario.program.code, scenario.fiscal_year])
    error = ""
    if request.method == "POST":
        try:
            rule = services.adopt_scenario(scenario, actor=request.user)
        except services.AdoptionRefused as refused:
            error = refused.message
        else:
            messages.success(request, _("試算案を採用し、%(rule)sのルールを作成しました。") % {"rule": rule})
            return redirect("grants_staff:rule-edit", pk=rule.pk)
    return render(
        request,
        "grants/staff/scenario_adopt.html",
        {
            "scenario": scenario,
            "next_year": scenario.fiscal_year + 1,
            "error": error,
            "cancel_url": list_url,
            "crumbs": _crumbs((_("試算案の採用"), None)),
        },
        status=409 if error else 200,
    )


@require_perm(SIMULATE)
@require_POST
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _scenario(pk)
    try:
        services.delete_scenario(scenario, actor=request.user)
    except services.AdoptionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("試算案「%(name)s」を削除しました。") % {"name": scenario.name})
    return redirect("grants_staff:scenario-list", program=scenario.program.code, fiscal_year=scenario.fiscal_year)


def _community(request: HttpRequest, slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


@require_perm("communities.view_community_internal", load=_community)
def my_entitlements(request: HttpRequest, community: Community, slug: str) -> HttpResponse:
    this_year = FiscalYear.current().year
    programs = queries.community_entitlements(community, [this_year, this_year + 1])
    existing = {
        (a.program_id, a.fiscal_year): a
        for a in Application.objects.filter(community=community, fiscal_year__in=[this_year, this_year + 1])
    }
    for item in programs:
        for year in item.years:
            year.application = existing.get((item.program.pk, year.fiscal_year.year))  # type: ignore[attr-defined]
    return render(
        request,
        "grants/staff/community.html",
        {
            "community": community,
            "programs": programs,
            "to_do": community_to_do(community),
            "can_prepare": request.user.has_perm("grants.prepare_application", community),
            "can_view_applications": request.user.has_perm("grants.view_community_history", community),
            "crumbs": [
                (_("作業画面"), reverse("staff:home")),
                (community.name, reverse("communities_staff:community", args=[community.slug])),
                (_("補助金の交付見込額"), None),
            ],
        },
    )
