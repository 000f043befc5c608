"""Public pages of the promotion plans: the current plan, any plan by number, one measure."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.panels import panels_for
from kyodo.plans import queries
from kyodo.plans.models import PromotionPlan


def _render_plan(request: HttpRequest, plan: PromotionPlan | None) -> HttpResponse:
    other_plans = list(queries.plans_in_order().exclude(pk=plan.pk) if plan else queries.plans_in_order())
    context: dict[str, Any] = {"plan": plan, "other_plans": other_plans}
    if plan is not None:
        context |= {
            "table": queries.plan_table(plan),
            "fiscal_years": plan.fiscal_years,
            "empty_colspan": len(plan.fiscal_years) + 2,
            "achievements": [a for a in plan.assessments.all() if a.kind == a.Kind.ACHIEVEMENT],
            "open_issues": [a for a in plan.assessments.all() if a.kind == a.Kind.OPEN_ISSUE],
            "crumbs": [
                (_("ホーム"), reverse("portal:home")),
                (_("推進計画"), reverse("plans:current")),
                (plan.title, ""),
            ],
        }
    return render(request, "plans/plan_detail.html", context)


@public
def current(request: HttpRequest) -> HttpResponse:
    return _render_plan(request, queries.current_plan())


@public
def detail(request: HttpRequest, number: int) -> HttpResponse:
    return _render_plan(request, queries.plan_by_number(number))


@public
def measure(request: HttpRequest, number: int, measure: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    fiscal_years = plan.fiscal_years
    schedules = list(found.schedules.all())
    return render(request, "plans/measure_detail.html", {
        "measure": found,
        "plan": plan,
        "fiscal_years": fiscal_years,
        "schedules": schedules,
        "cells": queries.schedule_cells(schedules, fiscal_years),
        "panels": panels_for("measure", request, found),
        "crumbs": [
            (_("ホーム"), reverse("portal:home")),
            (_("推進計画"), reverse("plans:current")),
            (plan.title, plan.get_absolute_url()),
            (_("事業%(number)s") % {"number": found.number}, ""),
        ],
    })
