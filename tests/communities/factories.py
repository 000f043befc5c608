"""Helpers on top of tests.factories for the communities tests (and the access matrix)."""

from __future__ import annotations

from tests.factories import (
    CommunityPlanFactory,
    DistrictFigureFactory,
    OfficerFactory,
    PlanGoalFactory,
    PlanInitiativeFactory,
)


def ensure_officer(community):
    return community.officers.first() or OfficerFactory(community=community)


def ensure_plan(community):
    return community.plans.first() or CommunityPlanFactory(community=community)


def ensure_goal(community):
    plan = ensure_plan(community)
    return plan.goals.first() or PlanGoalFactory(plan=plan)


def ensure_initiative(community):
    plan = ensure_plan(community)
    return plan.initiatives.first() or PlanInitiativeFactory(plan=plan, goal=ensure_goal(community))


def ensure_figure(district, fiscal_year=2023):
    return district.figures.filter(fiscal_year=fiscal_year).first() or DistrictFigureFactory(
        district=district, fiscal_year=fiscal_year
    )
