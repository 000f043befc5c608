"""The city's editing of promotion plans (/staff/plans/): city administrators only.

Each view parses a form, calls one service and redirects (POST/redirect/GET) with a message;
invalid input or a conflicting edit re-renders the form with the reason, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kyodo.access import require_perm
from kyodo.forms_http import CONFLICT, form_status
from kyodo.locking import StaleObject
from kyodo.plans import queries, services
from kyodo.plans.forms import (
    DeleteForm,
    DepartmentForm,
    MeasureForm,
    PlanCreateForm,
    PlanForm,
    PolicyForm,
    ScheduleForm,
)
from kyodo.plans.models import Measure, PromotionPlan

MANAGE = "plans.manage_plans"


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit(request: HttpRequest, form: forms.Form, action: Callable[[dict[str, Any]], Any], *,
            success: str, next_url: Callable[[Any], str]) -> HttpResponse | None:
    """Run ``action`` with a valid form's data; a redirect on success, None to re-render the form.

    A conflicting edit marks the form (``_status``) so that its page answers 409, not 422.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except StaleObject as error:
        form.add_error(None, str(error.message))
        form._status = CONFLICT  # type: ignore[attr-defined]
        return None
    except ValidationError as error:
        _add_errors(form, error)
        return None
    messages.success(request, success)
    return redirect(next_url(result))


def _status(form: forms.Form) -> int:
    """The status of a re-rendered form page: 200 blank, 422 refused input, 409 a conflicting edit."""
    return getattr(form, "_status", None) or form_status(form)


def _data(request: HttpRequest) -> Any:
    """The POSTed data, or None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [("作業画面", reverse("staff:home")), ("推進計画の管理", reverse("plans_staff:index")), *extra]


def _plan_crumb(plan: PromotionPlan) -> tuple[str, str]:
    return (plan.title, reverse("plans_staff:plan-detail", args=[plan.number]))


def _form_page(request: HttpRequest, form: forms.Form, *, title: str, crumbs: list[tuple[str, str]],
               cancel_url: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "crumbs": [*crumbs, (title, "")], "cancel_url": cancel_url, **extra}
    return render(request, "plans/staff/form.html", context, status=_status(form))


# --- Plans -----------------------------------------------------------------------------------


@require_perm(MANAGE)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/staff/index.html", {
        "plans": queries.plans_in_order(),
        "crumbs": [*_crumbs()[:1], ("推進計画の管理", "")],
    })


@require_perm(MANAGE)
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanCreateForm(_data(request))
    done = _submit(
        request, form, lambda data: services.create_plan(actor=request.user, **data),
        success="推進計画を登録しました。続けて基本方針を追加してください。",
        next_url=lambda plan: reverse("plans_staff:plan-detail", args=[plan.number]),
    )
    return done or _form_page(request, form, title="推進計画の登録", crumbs=_crumbs(),
                              cancel_url=reverse("plans_staff:index"))


@require_perm(MANAGE)
def plan_detail(request: HttpRequest, number: int) -> HttpResponse:
    plan = queries.plan_by_number(number)
    return render(request, "plans/staff/plan_detail.html", {
        "plan": plan,
        "table": queries.plan_table(plan),
        "crumbs": _crumbs((plan.title, "")),
    })


@require_perm(MANAGE)
def plan_edit(request: HttpRequest, number: int) -> HttpResponse:
    plan = queries.plan_header(number)
    form = PlanForm(_data(request), plan=plan)
    done = _submit(
        request, form, lambda data: services.update_plan(plan, actor=request.user, **data),
        success="推進計画を更新しました。",
        next_url=lambda plan: reverse("plans_staff:plan-detail", args=[plan.number]),
    )
    return done or _form_page(request, form, title="計画の編集", crumbs=_crumbs(_plan_crumb(plan)),
                              cancel_url=reverse("plans_staff:plan-detail", args=[plan.number]))


# --- Policies --------------------------------------------------------------------------------


@require_perm(MANAGE)
def policy_create(request: HttpRequest, number: int) -> HttpResponse:
    plan = queries.plan_header(number)
    form = PolicyForm(_data(request), plan=plan)
    done = _submit(
        request, form, lambda data: services.create_policy(plan, actor=request.user, **data),
        success="基本方針を追加しました。",
        next_url=lambda policy: reverse("plans_staff:plan-detail", args=[plan.number]),
    )
    return done or _form_page(request, form, title="基本方針の追加", crumbs=_crumbs(_plan_crumb(plan)),
                              cancel_url=reverse("plans_staff:plan-detail", args=[plan.number]))


@require_perm(MANAGE)
def policy_edit(request: HttpRequest, number: int, policy: int) -> HttpResponse:
    found = queries.policy_by_number(number, policy)
    plan = found.plan
    form = PolicyForm(_data(request), plan=plan, policy=found)
    done = _submit(
        request, form, lambda data: services.update_policy(found, actor=request.user, **data),
        success="基本方針を更新しました。",
        next_url=lambda policy: reverse("plans_staff:plan-detail", args=[plan.number]),
    )
    return done or _form_page(request, form, title=f"基本方針({found.number})の編集",
                              crumbs=_crumbs(_plan_crumb(plan)),
                              cancel_url=reverse("plans_staff:plan-detail", args=[plan.number]))


# --- Measures and their schedules -----------------------------------------------------------


@require_perm(MANAGE)
def measure_create(request: HttpRequest, number: int, policy: int) -> HttpResponse:
    found = queries.policy_by_number(number, policy)
    plan = found.plan
    form = MeasureForm(_data(request), plan=plan)
    done = _submit(
        request, form, lambda data: services.create_measure(found, actor=request.user, **data),
        success="施策・事業を追加しました。続けて実施年度を追加してください。",
        next_url=lambda measure: reverse("plans_staff:measure-edit", args=[plan.number, measure.number]),
    )
    return done or _form_page(request, form, title=f"基本方針({found.number})に施策・事業を追加",
                              crumbs=_crumbs(_plan_crumb(plan)),
                              cancel_url=reverse("plans_staff:plan-detail", args=[plan.number]))


def _measure_url(plan_number: int, measure_number: int) -> str:
    return reverse("plans_staff:measure-edit", args=[plan_number, measure_number])


def _measure_crumb(measure: Measure) -> tuple[str, str]:
    return (f"事業{measure.number}", _measure_url(measure.policy.plan.number, measure.number))


@require_perm(MANAGE)
def measure_edit(request: HttpRequest, number: int, measure: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    form = MeasureForm(_data(request), plan=plan, measure=found)
    done = _submit(
        request, form, lambda data: services.update_measure(found, actor=request.user, **data),
        success="施策・事業を更新しました。",
        next_url=lambda measure: _measure_url(plan.number, measure.number),
    )
    if done:
        return done
    return render(request, "plans/staff/measure_edit.html", {
        "form": form,
        "measure": found,
        "plan": plan,
        "schedules": list(found.schedules.all()),
        "title": f"事業{found.number}の編集",
        "crumbs": _crumbs(_plan_crumb(plan), (f"事業{found.number}の編集", "")),
        "cancel_url": reverse("plans_staff:plan-detail", args=[plan.number]),
    }, status=_status(form))


@require_perm(MANAGE)
def schedule_create(request: HttpRequest, number: int, measure: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    form = ScheduleForm(_data(request), measure=found)
    done = _submit(
        request, form, lambda data: services.add_schedule(found, actor=request.user, **data),
        success="実施年度を追加しました。",
        next_url=lambda schedule: _measure_url(plan.number, found.number),
    )
    return done or _form_page(request, form, title=f"事業{found.number}の実施年度の追加",
                              crumbs=_crumbs(_plan_crumb(plan), _measure_crumb(found)),
                              cancel_url=_measure_url(plan.number, found.number), measure=found)


@require_perm(MANAGE)
def schedule_edit(request: HttpRequest, number: int, measure: int, schedule: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    cell = queries.schedule_of_measure(found, schedule)
    cell.measure = found
    form = ScheduleForm(_data(request), measure=found, schedule=cell)
    done = _submit(
        request, form, lambda data: services.update_schedule(cell, actor=request.user, **data),
        success="実施年度を更新しました。",
        next_url=lambda schedule: _measure_url(plan.number, found.number),
    )
    return done or _form_page(request, form, title=f"事業{found.number}の実施年度の編集",
                              crumbs=_crumbs(_plan_crumb(plan), _measure_crumb(found)),
                              cancel_url=_measure_url(plan.number, found.number), measure=found)


@require_perm(MANAGE)
def schedule_delete(request: HttpRequest, number: int, measure: int, schedule: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    cell = queries.schedule_of_measure(found, schedule)
    cell.measure = found
    form = DeleteForm(_data(request), initial={"version": found.version})
    done = _submit(
        request, form, lambda data: services.delete_schedule(cell, actor=request.user, **data),
        success="実施年度を削除しました。",
        next_url=lambda _result: _measure_url(plan.number, found.number),
    )
    return done or render(request, "plans/staff/schedule_delete.html", {
        "form": form, "measure": found, "plan": plan, "schedule": cell,
        "title": f"事業{found.number}の実施年度の削除",
        "crumbs": _crumbs(_plan_crumb(plan), _measure_crumb(found),
                          (f"事業{found.number}の実施年度の削除", "")),
        "cancel_url": _measure_url(plan.number, found.number),
    }, status=_status(form))


# --- Departments -----------------------------------------------------------------------------


@require_perm(MANAGE)
def department_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/staff/department_list.html", {
        "departments": queries.departments_with_measure_counts(),
        "crumbs": _crumbs(("所管課", "")),
    })


@require_perm(MANAGE)
def department_create(request: HttpRequest) -> HttpResponse:
    form = DepartmentForm(_data(request))
    done = _submit(
        request, form, lambda data: services.create_department(actor=request.user, **data),
        success="所管課を登録しました。", next_url=lambda _department: reverse("plans_staff:department-list"),
    )
    return done or _form_page(request, form, title="所管課の登録",
                              crumbs=_crumbs(("所管課", reverse("plans_staff:department-list"))),
                              cancel_url=reverse("plans_staff:department-list"))


@require_perm(MANAGE)
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = queries.department_by_pk(pk)
    form = DepartmentForm(_data(request), department=department)
    done = _submit(
        request, form, lambda data: services.update_department(department, actor=request.user, **data),
        success="所管課を更新しました。", next_url=lambda _department: reverse("plans_staff:department-list"),
    )
    return done or _form_page(request, form, title=f"所管課「{department.name}」の編集",
                              crumbs=_crumbs(("所管課", reverse("plans_staff:department-list"))),
                              cancel_url=reverse("plans_staff:department-list"))
