"""Loading the city's promotion plans from the data file shipped with kyodo.

The file (``data/ichinoseki_plans.toml``) is a transcription of the seed. Loading is
idempotent and never overwrites: a plan whose number already exists is left as it is,
since the city may have edited it in kyodo.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

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


class PlanDataError(ValueError):
    """The data file is not what the loader expects; nothing was loaded."""


@transaction.atomic
def load_promotion_plans(path: Path | None = None) -> int:
    """Create the departments and plans of the data file that do not exist yet; return how many plans were created.

    Runs in one transaction: all of it or nothing. Raises PlanDataError for a malformed file.
    """
    with (path or DEFAULT_PATH).open("rb") as data_file:
        data = tomllib.load(data_file)
    departments = _load_departments(data.get("departments", []))
    default_department = data.get("default_department", "")
    created = 0
    for plan_data in data.get("plans", []):
        if PromotionPlan.objects.filter(number=plan_data["number"]).exists():
            continue
        _create_plan(plan_data, departments=departments, default_department=default_department)
        created += 1
    return created


def _load_departments(rows: list[dict[str, Any]]) -> dict[str, Department]:
    departments: dict[str, Department] = {}
    for row in rows:
        department, _created = Department.objects.get_or_create(
            name=row["name"], defaults={"division": row.get("division", ""), "order": row.get("order", 0)}
        )
        departments[department.name] = department
    return departments


def _department(name: str, departments: dict[str, Department]) -> Department | None:
    if not name:
        return None
    if name not in departments:
        departments[name], _created = Department.objects.get_or_create(name=name)
    return departments[name]


def _create_plan(data: dict[str, Any], *, departments: dict[str, Department], default_department: str) -> None:
    try:
        adopted_on = data.get("adopted_on")
        if adopted_on is not None and not isinstance(adopted_on, dt.date):
            raise PlanDataError(f"plan {data['number']}: adopted_on must be a date")
        # A city has one current plan; the data file must not displace the one it chose.
        is_current = bool(data.get("is_current")) and not PromotionPlan.objects.filter(is_current=True).exists()
        plan = PromotionPlan.objects.create(
            number=data["number"],
            title=data["title"],
            start_fiscal_year=data["start_fiscal_year"],
            end_fiscal_year=data["end_fiscal_year"],
            adopted_on=adopted_on,
            is_current=is_current,
            **{field: data.get(field, "").strip() for field in _PLAN_TEXT_FIELDS},
        )
        BasicIdea.objects.bulk_create(
            BasicIdea(plan=plan, order=idea.get("order", index), title=idea["title"], text=idea.get("text", ""))
            for index, idea in enumerate(data.get("basic_ideas", []), start=1)
        )
        orders: dict[str, int] = {}
        assessments = []
        for row in data.get("assessments", []):
            kind = PlanAssessment.Kind(row["kind"])
            orders[kind] = orders.get(kind, 0) + 1
            assessments.append(
                PlanAssessment(plan=plan, kind=kind, order=orders[kind], title=row["title"], text=row.get("text", ""))
            )
        PlanAssessment.objects.bulk_create(assessments)
        for policy_data in data.get("policies", []):
            policy = Policy.objects.create(
                plan=plan,
                number=policy_data["number"],
                title=policy_data["title"],
                description=policy_data.get("description", "").strip(),
            )
            for measure_data in policy_data.get("measures", []):
                _create_measure(
                    policy, measure_data, department=_department(
                        measure_data.get("department", default_department), departments
                    ),
                )
    except (KeyError, ValueError, TypeError) as error:
        if isinstance(error, PlanDataError):
            raise
        raise PlanDataError(f"plan {data.get('number', '?')}: {error!r}") from error


def _create_measure(policy: Policy, data: dict[str, Any], *, department: Department | None) -> None:
    measure = Measure.objects.create(
        policy=policy,
        number=data["number"],
        title=data["title"],
        content=data.get("content", ""),
        department=department,
        partner=data.get("partner", ""),
    )
    for row in data.get("schedules", []):
        schedule = MeasureSchedule(
            measure=measure,
            start_fiscal_year=row["start_fiscal_year"],
            end_fiscal_year=row["end_fiscal_year"],
            text=row["text"],
        )
        # The same checks as a city edit: inside the plan period, no overlap.
        try:
            schedule.full_clean()
        except ValidationError as error:
            raise PlanDataError(f"measure {measure.number}: {error}") from error
        schedule.save()
