"""Reading promotion plans: the querysets and the table the pages, the API and exports use.

Plans are public: nothing here is scoped to a user. Every function loads what it returns in a
fixed number of queries, whatever the number of policies, measures and schedules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from kyodo.fiscal_years import FiscalYear
from kyodo.plans.models import Department, Measure, MeasureSchedule, PlanAssessment, Policy, PromotionPlan

# Numbers are PositiveSmallIntegerFields; a larger number in a URL names nothing (and would
# overflow SQLite's integer before the query could say so).
MAX_NUMBER = 32767


def _number(value: int) -> int:
    if not 1 <= value <= MAX_NUMBER:
        raise Http404("no such number")
    return value


def _primary_key(value: int) -> int:
    if not 1 <= value < 2**63:
        raise Http404("no such object")
    return value


def _measures() -> QuerySet[Measure]:
    return (
        Measure.objects.select_related("department")
        .prefetch_related(Prefetch("schedules", queryset=MeasureSchedule.objects.order_by("start_fiscal_year")))
        .order_by("number")
    )


def plans_in_order() -> QuerySet[PromotionPlan]:
    """Every plan, newest first, without their contents."""
    return PromotionPlan.objects.order_by("-number")


def _with_contents(plans: QuerySet[PromotionPlan]) -> QuerySet[PromotionPlan]:
    return plans.prefetch_related(
        "basic_ideas",
        Prefetch("assessments", queryset=PlanAssessment.objects.order_by("kind", "order")),
        Prefetch("policies", queryset=Policy.objects.order_by("number").prefetch_related(
            Prefetch("measures", queryset=_measures())
        )),
    )


def current_plan() -> PromotionPlan | None:
    """The current plan with its ideas, assessments, policies, measures and schedules; None if there is none."""
    return _with_contents(PromotionPlan.objects.filter(is_current=True)).first()


def plan_by_number(number: int) -> PromotionPlan:
    """The plan 第``number``次 with all its contents. Raises Http404."""
    plan = _with_contents(PromotionPlan.objects.filter(number=_number(number))).first()
    if plan is None:
        raise Http404("no such plan")
    return plan


def plan_header(number: int) -> PromotionPlan:
    """The plan 第``number``次 alone (for staff forms). Raises Http404."""
    plan = PromotionPlan.objects.filter(number=_number(number)).first()
    if plan is None:
        raise Http404("no such plan")
    return plan


def measure_by_number(plan_number: int, measure_number: int) -> Measure:
    """事業``measure_number`` of plan 第``plan_number``次, with its policy, plan, department and schedules.

    Raises Http404.
    """
    measure = (
        _measures()
        .select_related("policy__plan")
        .filter(policy__plan__number=_number(plan_number), number=_number(measure_number))
        .first()
    )
    if measure is None:
        raise Http404("no such measure")
    return measure


def policy_by_number(plan_number: int, policy_number: int) -> Policy:
    """基本方針(``policy_number``) of plan 第``plan_number``次, with its plan. Raises Http404."""
    policy = (
        Policy.objects.select_related("plan")
        .filter(plan__number=_number(plan_number), number=_number(policy_number))
        .first()
    )
    if policy is None:
        raise Http404("no such policy")
    return policy


def schedule_of_measure(measure: Measure, schedule_id: int) -> MeasureSchedule:
    """One schedule cell of ``measure``. Raises Http404."""
    schedule = MeasureSchedule.objects.filter(measure=measure, pk=_primary_key(schedule_id)).first()
    if schedule is None:
        raise Http404("no such schedule")
    return schedule


def schedules_outside(plan: PromotionPlan, start_fiscal_year: int, end_fiscal_year: int) -> QuerySet[MeasureSchedule]:
    """The plan's schedule cells that would fall outside the period ``start_fiscal_year``–``end_fiscal_year``."""
    return MeasureSchedule.objects.filter(measure__policy__plan=plan).filter(
        Q(start_fiscal_year__lt=start_fiscal_year) | Q(end_fiscal_year__gt=end_fiscal_year)
    )


def department_by_pk(pk: int) -> Department:
    """One department. Raises Http404."""
    department = Department.objects.filter(pk=_primary_key(pk)).first()
    if department is None:
        raise Http404("no such department")
    return department


def departments_with_measure_counts() -> QuerySet[Department]:
    """Every department, in display order, with ``measure_count``."""
    return Department.objects.annotate(measure_count=Count("measures")).order_by("order", "name")


# --- The plan's table: policies × measures × fiscal years, as in the seed --------------------


@dataclass(frozen=True)
class ScheduleCell:
    """One cell of a measure's row: a schedule spanning ``colspan`` fiscal years, or an empty year."""

    first_year: FiscalYear
    colspan: int
    schedule: MeasureSchedule | None = None

    @property
    def last_year(self) -> FiscalYear:
        return self.first_year + (self.colspan - 1)


@dataclass
class MeasureRow:
    measure: Measure
    cells: list[ScheduleCell]


@dataclass
class PolicyGroup:
    policy: Policy
    rows: list[MeasureRow] = field(default_factory=list)

    @property
    def rowspan(self) -> int:
        return max(len(self.rows), 1)


def schedule_cells(
    schedules: list[MeasureSchedule], fiscal_years: list[FiscalYear]
) -> list[ScheduleCell]:
    """The cells of one measure's row: each schedule spans its years, clipped to the plan period."""
    if not fiscal_years:
        return []
    first, last = fiscal_years[0].year, fiscal_years[-1].year
    cells: list[ScheduleCell] = []
    year = first
    for schedule in sorted(schedules, key=lambda s: s.start_fiscal_year):
        start, end = max(schedule.start_fiscal_year, year), min(schedule.end_fiscal_year, last)
        if end < start:
            continue  # outside the plan period, or overlapping the previous cell
        cells.extend(ScheduleCell(FiscalYear(y), 1) for y in range(year, start))
        cells.append(ScheduleCell(FiscalYear(start), end - start + 1, schedule))
        year = end + 1
    cells.extend(ScheduleCell(FiscalYear(y), 1) for y in range(year, last + 1))
    return cells


def plan_table(plan: PromotionPlan) -> list[PolicyGroup]:
    """The plan's table, from the prefetched policies, measures and schedules (no queries)."""
    fiscal_years = plan.fiscal_years
    groups = []
    for policy in plan.policies.all():
        group = PolicyGroup(policy)
        for measure in policy.measures.all():
            group.rows.append(MeasureRow(measure, schedule_cells(list(measure.schedules.all()), fiscal_years)))
        groups.append(group)
    return groups
