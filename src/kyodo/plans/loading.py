"""Loading the city's promotion plans from the data file shipped with kyodo.

The file (``data/ichinoseki_plans.toml``) is a transcription of the seed. Loading is
idempotent and never overwrites: a plan whose number already exists is left as it is,
since the city may have edited it in kyodo.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext

from kyodo.datafiles import DataFileError, Entry, load_data_file
from kyodo.plans.models import (
    BasicIdea,
    Department,
    Measure,
    MeasureSchedule,
    PlanAssessment,
    Policy,
    PromotionPlan,
)

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "ichinoseki_plans.toml"

_PLAN_TEXT_FIELDS = ("subtitle", "background", "purpose", "positioning", "aim_title", "aim_text")

PlanDataError = DataFileError  # the name the command and older callers use


def load_promotion_plans(path: Path | None = None) -> int:
    """Create the departments and plans of the data file that do not exist yet; return how many plans were created.

    Runs in one transaction: all of it or nothing. Raises PlanDataError (DataFileError) listing
    every problem of a malformed file.
    """
    return load_data_file(path or DEFAULT_PATH, _load)


def _load(document: Entry) -> int:
    departments: dict[str, Department] = {}
    document.each("departments", lambda entry: _load_department(entry, departments))
    default_department = document.text("default_department", "")
    return document.each("plans", lambda entry: _load_plan(entry, departments, default_department))


def _load_department(entry: Entry, departments: dict[str, Department]) -> None:
    department, _created = Department.objects.get_or_create(
        name=entry.text("name"),
        defaults={"division": entry.text("division", ""), "order": entry.integer("order", 0)},
    )
    departments[department.name] = department


def _department(name: str, departments: dict[str, Department]) -> Department | None:
    if not name:
        return None
    if name not in departments:
        departments[name], _created = Department.objects.get_or_create(name=name)
    return departments[name]


def _load_plan(entry: Entry, departments: dict[str, Department], default_department: str) -> int:
    """Create the plan of ``entry`` with its ideas, assessments, policies and measures, unless its number exists."""
    number = entry.integer("number")
    if PromotionPlan.objects.filter(number=number).exists():
        return 0
    # A city has one current plan; the data file must not displace the one it chose.
    is_current = entry.flag("is_current") and not PromotionPlan.objects.filter(is_current=True).exists()
    plan = PromotionPlan.objects.create(
        number=number,
        title=entry.text("title"),
        start_fiscal_year=entry.integer("start_fiscal_year"),
        end_fiscal_year=entry.integer("end_fiscal_year"),
        adopted_on=entry.date("adopted_on", None),
        is_current=is_current,
        **{field: entry.text(field, "").strip() for field in _PLAN_TEXT_FIELDS},
    )
    ideas: list[BasicIdea] = []
    entry.each("basic_ideas", lambda idea: ideas.append(BasicIdea(
        plan=plan, order=idea.integer("order", idea.number), title=idea.text("title"), text=idea.text("text", ""),
    )))
    BasicIdea.objects.bulk_create(ideas)
    assessments: list[PlanAssessment] = []
    entry.each("assessments", lambda row: assessments.append(_assessment(row, plan, assessments)))
    PlanAssessment.objects.bulk_create(assessments)
    entry.each("policies", lambda policy: _load_policy(policy, plan, departments, default_department))
    return 1


def _assessment(entry: Entry, plan: PromotionPlan, earlier: list[PlanAssessment]) -> PlanAssessment:
    kind = entry.text("kind")
    if kind not in PlanAssessment.Kind.values:
        entry.problem("kind", gettext("%(choices)s のどれかにしてください。") % {
            "choices": "、".join(PlanAssessment.Kind.values),
        })
    order = sum(1 for assessment in earlier if assessment.kind == kind) + 1
    return PlanAssessment(plan=plan, kind=kind, order=order, title=entry.text("title"), text=entry.text("text", ""))


def _load_policy(entry: Entry, plan: PromotionPlan, departments: dict[str, Department], default: str) -> None:
    policy = Policy.objects.create(
        plan=plan,
        number=entry.integer("number"),
        title=entry.text("title"),
        description=entry.text("description", "").strip(),
    )
    entry.each("measures", lambda measure: _load_measure(
        measure, policy, department=_department(measure.text("department", default), departments)))


def _load_measure(entry: Entry, policy: Policy, *, department: Department | None) -> None:
    measure = Measure.objects.create(
        policy=policy,
        number=entry.integer("number"),
        title=entry.text("title"),
        content=entry.text("content", ""),
        department=department,
        partner=entry.text("partner", ""),
    )
    entry.each("schedules", lambda schedule: _load_schedule(schedule, measure))


def _load_schedule(entry: Entry, measure: Measure) -> None:
    schedule = MeasureSchedule(
        measure=measure,
        start_fiscal_year=entry.integer("start_fiscal_year"),
        end_fiscal_year=entry.integer("end_fiscal_year"),
        text=entry.text("text"),
    )
    # The same checks as a city edit: inside the plan period, no overlap (ValidationError: a problem).
    schedule.full_clean()
    schedule.save()
