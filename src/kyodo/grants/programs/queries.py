"""Read side of programs: entitlements per community and year, simulations of rule changes, and the
programs with their rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from kyodo.communities.models import Community, CommunityPlan, District, DistrictFigure
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import (
    GrantProgram,
    ProgramRule,
    SimulationScenario,
)
from kyodo.grants.programs.entitlements import Parameters, eligible, formula_text


def communities_with_year(fiscal_year: int, communities: QuerySet[Community] | None = None) -> QuerySet[Community]:
    """Communities with district, branch, the figures that apply that year (``district.year_figures``,
    newest first: that year's, or the latest earlier ones while the year's are not registered yet)
    and the plans in force that year (``plans_in_force``): three queries however many communities."""
    base = communities if communities is not None else Community.objects.all()
    return base.select_related("district__branch_office").prefetch_related(
        Prefetch(
            "district__figures",
            queryset=DistrictFigure.objects.filter(fiscal_year__lte=fiscal_year).order_by("-fiscal_year"),
            to_attr="year_figures",
        ),
        Prefetch(
            "plans",
            queryset=CommunityPlan.objects.filter(start_fiscal_year__lte=fiscal_year, end_fiscal_year__gte=fiscal_year),
            to_attr="plans_in_force",
        ),
    )


@dataclass
class EntitlementRow:
    community: Community
    district: District
    households: int | None
    population: int | None
    eligible: bool
    reason: str
    amount_yen: int | None  # None: not eligible, no rule, or no figures for the year
    formula: str = ""
    figures_year: int | None = None  # the fiscal year whose population and households were used


def _figure(community: Community) -> DistrictFigure | None:
    figures: list[DistrictFigure] = community.district.year_figures  # type: ignore[attr-defined]
    return figures[0] if figures else None


def _row(
    program: GrantProgram, community: Community, fiscal_year: int, parameters: Parameters | None
) -> EntitlementRow:
    figure = _figure(community)
    ok, reason = eligible(program, community, fiscal_year)
    amount = None
    formula = ""
    if ok and parameters is not None:
        if figure is None:
            reason = f"{reason}(人口・世帯数が未登録のため金額を計算できません)"
        else:
            amount = parameters.amount(households=figure.households, population=figure.population)
            formula = formula_text(parameters, households=figure.households, population=figure.population)
    return EntitlementRow(
        community=community,
        district=community.district,
        households=figure.households if figure else None,
        population=figure.population if figure else None,
        eligible=ok,
        reason=reason,
        amount_yen=amount,
        formula=formula,
        figures_year=figure.fiscal_year if figure else None,
    )


def rule_for(program: GrantProgram, fiscal_year: int) -> ProgramRule | None:
    return ProgramRule.objects.filter(program=program, fiscal_year=fiscal_year).first()


def entitlements(
    program: GrantProgram,
    fiscal_year: int,
    *,
    communities: QuerySet[Community] | None = None,
    rule: ProgramRule | None = None,
) -> list[EntitlementRow]:
    """Every community's eligibility, reason and amount for the program's rule of that year."""
    rule = rule if rule is not None else rule_for(program, fiscal_year)
    parameters = rule.parameters if rule is not None else None
    return [_row(program, c, fiscal_year, parameters) for c in communities_with_year(fiscal_year, communities)]


@dataclass
class SimulationRow:
    community: Community
    district: District
    households: int | None
    population: int | None
    eligible: bool
    reason: str
    current_yen: int
    proposed_yen: int
    figures_year: int | None = None  # the fiscal year whose population and households were used

    @property
    def difference_yen(self) -> int:
        return self.proposed_yen - self.current_yen


@dataclass
class Simulation:
    rule: ProgramRule
    parameters: Parameters
    rows: list[SimulationRow] = field(default_factory=list)

    @property
    def total_current_yen(self) -> int:
        return sum(row.current_yen for row in self.rows)

    @property
    def total_proposed_yen(self) -> int:
        return sum(row.proposed_yen for row in self.rows)

    @property
    def total_difference_yen(self) -> int:
        return self.total_proposed_yen - self.total_current_yen

    @property
    def budget_yen(self) -> int:
        return self.rule.budget_yen

    @property
    def remaining_current_yen(self) -> int:
        return self.budget_yen - self.total_current_yen

    @property
    def remaining_yen(self) -> int:
        """Budget left under the proposal (negative: over budget)."""
        return self.budget_yen - self.total_proposed_yen

    @property
    def eligible_count(self) -> int:
        return sum(1 for row in self.rows if row.eligible)


def simulate(
    rule: ProgramRule, parameters: Parameters, *, communities: QuerySet[Community] | None = None
) -> Simulation:
    """Every community's amount under the rule today and under ``parameters``, on the rule's year's figures."""
    simulation = Simulation(rule=rule, parameters=parameters)
    simulation.rows = [
        _simulation_row(rule, community, parameters)
        for community in communities_with_year(rule.fiscal_year, communities)
    ]
    return simulation


@dataclass
class ScenarioComparison:
    rule: ProgramRule
    scenarios: list[SimulationScenario]
    simulations: list[Simulation]
    rows: list[tuple[SimulationRow, list[int]]]  # the current row, then each scenario's amount


def compare_scenarios(rule: ProgramRule, scenarios: list[SimulationScenario]) -> ScenarioComparison:
    """Several scenarios side by side on the rule's year: per-community amounts and totals."""
    communities = list(communities_with_year(rule.fiscal_year))
    simulations = []
    for scenario in scenarios:
        simulation = Simulation(rule=rule, parameters=scenario.parameters)
        for community in communities:
            simulation.rows.append(_simulation_row(rule, community, scenario.parameters))
        simulations.append(simulation)
    base_rows = [_simulation_row(rule, community, rule.parameters) for community in communities]
    rows = [(row, [sim.rows[i].proposed_yen for sim in simulations]) for i, row in enumerate(base_rows)]
    return ScenarioComparison(rule=rule, scenarios=scenarios, simulations=simulations, rows=rows)


def _simulation_row(rule: ProgramRule, community: Community, parameters: Parameters) -> SimulationRow:
    figure = _figure(community)
    ok, reason = eligible(rule.program, community, rule.fiscal_year)
    now = proposed = 0
    if ok and figure is not None:
        now = rule.parameters.amount(households=figure.households, population=figure.population)
        proposed = parameters.amount(households=figure.households, population=figure.population)
    return SimulationRow(
        community=community,
        district=community.district,
        households=figure.households if figure else None,
        population=figure.population if figure else None,
        eligible=ok,
        reason=reason,
        current_yen=now,
        proposed_yen=proposed,
        figures_year=figure.fiscal_year if figure else None,
    )


@dataclass
class ProgramYears:
    program: GrantProgram
    rules: list[ProgramRule]


def programs_with_rules() -> list[ProgramYears]:
    """Every program with its rules, newest fiscal year first (two queries)."""
    programs = GrantProgram.objects.prefetch_related(
        Prefetch("rules", queryset=ProgramRule.objects.order_by("-fiscal_year"), to_attr="rules_newest_first")
    )
    return [ProgramYears(p, p.rules_newest_first) for p in programs]  # type: ignore[attr-defined]


@dataclass
class CommunityYear:
    fiscal_year: FiscalYear
    rule: ProgramRule | None
    row: EntitlementRow


@dataclass
class CommunityProgram:
    program: GrantProgram
    years: list[CommunityYear]


def community_entitlements(community: Community, fiscal_years: list[int]) -> list[CommunityProgram]:
    """One community's entitlement per program for each of ``fiscal_years``."""
    programs = list(GrantProgram.objects.all())
    rules = {
        (rule.program_id, rule.fiscal_year): rule for rule in ProgramRule.objects.filter(fiscal_year__in=fiscal_years)
    }
    per_year: dict[int, Any] = {
        year: communities_with_year(year, Community.objects.filter(pk=community.pk)).get() for year in fiscal_years
    }
    result = []
    for program in programs:
        years = []
        for year in fiscal_years:
            rule = rules.get((program.pk, year))
            row = _row(program, per_year[year], year, rule.parameters if rule else None)
            years.append(CommunityYear(FiscalYear(year), rule, row))
        result.append(CommunityProgram(program, years))
    return result


# ---- applications -----------------------------------------------------------------------
