"""Who may use the plans app's pages and API: everyone reads, city administrators edit."""

from __future__ import annotations

from typing import Any

from kyodo.plans.models import MeasureSchedule, PromotionPlan
from tests.access import ALL, CITY, Case
from tests.factories import MeasureFactory, MeasureScheduleFactory, PolicyFactory, PromotionPlanFactory


def _schedule(world: Any, which: str) -> MeasureSchedule:
    """Plan 2, policy (1), measure 1 and one schedule cell (the world has no plans)."""
    plan = PromotionPlan.objects.filter(number=2).first() or PromotionPlanFactory(number=2)
    policy = plan.policies.filter(number=1).first() or PolicyFactory(plan=plan, number=1)
    measure = policy.measures.filter(number=1).first() or MeasureFactory(policy=policy, number=1)
    return measure.schedules.first() or MeasureScheduleFactory(measure=measure)


def plan(world: Any, which: str) -> dict[str, Any]:
    _schedule(world, which)
    return {"number": 2}


def policy(world: Any, which: str) -> dict[str, Any]:
    _schedule(world, which)
    return {"number": 2, "policy": 1}


def measure(world: Any, which: str) -> dict[str, Any]:
    _schedule(world, which)
    return {"number": 2, "measure": 1}


def schedule(world: Any, which: str) -> dict[str, Any]:
    return {"number": 2, "measure": 1, "schedule": _schedule(world, which).pk}


CASES = [
    Case("plans:current", own=ALL),
    Case("plans:detail", own=ALL, kwargs=plan),
    Case("plans:measure", own=ALL, kwargs=measure),
    Case("plans_staff:index", own=CITY),
    Case("plans_staff:plan-create", own=CITY),
    Case("plans_staff:plan-detail", own=CITY, kwargs=plan),
    Case("plans_staff:plan-edit", own=CITY, kwargs=plan),
    Case("plans_staff:policy-create", own=CITY, kwargs=plan),
    Case("plans_staff:policy-edit", own=CITY, kwargs=policy),
    Case("plans_staff:measure-create", own=CITY, kwargs=policy),
    Case("plans_staff:measure-edit", own=CITY, kwargs=measure),
    Case("plans_staff:schedule-create", own=CITY, kwargs=measure),
    Case("plans_staff:schedule-edit", own=CITY, kwargs=schedule),
    Case("plans_staff:schedule-delete", own=CITY, kwargs=schedule),
    Case("plans_staff:department-list", own=CITY),
    Case("plans_staff:department-create", own=CITY),
    Case("plans_staff:department-edit", own=CITY, kwargs=lambda w, which: {"pk": w.department.pk}),
    Case("GET /api/v1/plans", own=ALL),
    Case("GET /api/v1/plans/{number}", own=ALL, kwargs=plan),
    Case("GET /api/v1/plans/{number}/measures/{measure}", own=ALL, kwargs=measure),
]
