"""The city's editing of promotion plans (/staff/plans/): city administrators only.

Each view builds a form and hands it, with one service call, to the editing kit: a valid form is
saved and redirected (POST/redirect/GET) with a message; invalid input or a conflicting edit
shows the form again with the reason, and nothing is saved.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.editing import confirm_delete_view, form_data, form_view
from kyodo.plans import queries, services
from kyodo.plans.forms import DepartmentForm, MeasureForm, PlanCreateForm, PlanForm, PolicyForm, ScheduleForm
from kyodo.plans.models import Measure, MeasureSchedule, PromotionPlan

MANAGE = "plans.manage_plans"


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("作業画面"), reverse("staff:home")), (_("推進計画の管理"), reverse("plans_staff:index")), *extra]


def _plan_crumb(plan: PromotionPlan) -> tuple[str, str]:
    return (plan.title, reverse("plans_staff:plan-detail", args=[plan.number]))


def _plan_url(plan: PromotionPlan) -> str:
    return reverse("plans_staff:plan-detail", args=[plan.number])


# --- Plans -----------------------------------------------------------------------------------


@require_perm(MANAGE)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/staff/index.html", {
        "plans": queries.plans_in_order(),
        "crumbs": [*_crumbs()[:1], (_("推進計画の管理"), "")],
    })


@require_perm(MANAGE)
def plan_create(request: HttpRequest) -> HttpResponse:
    title = _("推進計画の登録")
    return form_view(
        request, PlanCreateForm(form_data(request)),
        lambda form: services.create_plan(actor=request.user, **form.changes()),
        success_url=_plan_url, success_message=_("推進計画を登録しました。続けて基本方針を追加してください。"),
        title=title, crumbs=_crumbs((title, "")), cancel_url=reverse("plans_staff:index"),
    )


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
    title = _("計画の編集")
    return form_view(
        request, PlanForm(form_data(request), instance=plan),
        lambda form: services.update_plan(plan, actor=request.user, version=form.seen_version, **form.changes()),
        success_url=_plan_url, success_message=_("推進計画を更新しました。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), (title, "")), cancel_url=_plan_url(plan),
    )


# --- Policies --------------------------------------------------------------------------------


@require_perm(MANAGE)
def policy_create(request: HttpRequest, number: int) -> HttpResponse:
    plan = queries.plan_header(number)
    title = _("基本方針の追加")
    return form_view(
        request, PolicyForm(form_data(request), plan=plan),
        lambda form: services.create_policy(plan, actor=request.user, version=form.seen_version, **form.changes()),
        success_url=_plan_url(plan), success_message=_("基本方針を追加しました。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), (title, "")), cancel_url=_plan_url(plan),
    )


@require_perm(MANAGE)
def policy_edit(request: HttpRequest, number: int, policy: int) -> HttpResponse:
    found = queries.policy_by_number(number, policy)
    plan = found.plan
    title = _("基本方針(%(number)s)の編集") % {"number": found.number}
    return form_view(
        request, PolicyForm(form_data(request), plan=plan, instance=found),
        lambda form: services.update_policy(found, actor=request.user, version=form.seen_version, **form.changes()),
        success_url=_plan_url(plan), success_message=_("基本方針を更新しました。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), (title, "")), cancel_url=_plan_url(plan),
    )


# --- Measures and their schedules -----------------------------------------------------------


def _measure_url(plan_number: int, measure_number: int) -> str:
    return reverse("plans_staff:measure-edit", args=[plan_number, measure_number])


def _measure_crumb(measure: Measure) -> tuple[str, str]:
    return (_("事業%(number)s") % {"number": measure.number}, _measure_url(measure.policy.plan.number, measure.number))


def _measure_eyebrow(measure: Measure) -> dict[str, str]:
    return {"eyebrow": str(measure)}


@require_perm(MANAGE)
def measure_create(request: HttpRequest, number: int, policy: int) -> HttpResponse:
    found = queries.policy_by_number(number, policy)
    plan = found.plan
    title = _("基本方針(%(number)s)に施策・事業を追加") % {"number": found.number}
    return form_view(
        request, MeasureForm(form_data(request), plan=plan),
        lambda form: services.create_measure(found, actor=request.user, **form.changes()),
        success_url=lambda measure: _measure_url(plan.number, measure.number),
        success_message=_("施策・事業を追加しました。続けて実施年度を追加してください。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), (title, "")), cancel_url=_plan_url(plan),
    )


@require_perm(MANAGE)
def measure_edit(request: HttpRequest, number: int, measure: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    title = _("事業%(number)sの編集") % {"number": found.number}
    return form_view(
        request, MeasureForm(form_data(request), plan=plan, instance=found),
        lambda form: services.update_measure(found, actor=request.user, version=form.seen_version, **form.changes()),
        success_url=lambda measure: _measure_url(plan.number, measure.number),
        success_message=_("施策・事業を更新しました。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), (title, "")), cancel_url=_plan_url(plan),
        template="plans/staff/measure_edit.html",
        context={"measure": found, "plan": plan, "schedules": list(found.schedules.all())},
    )


@require_perm(MANAGE)
def schedule_create(request: HttpRequest, number: int, measure: int) -> HttpResponse:
    found = queries.measure_by_number(number, measure)
    plan = found.policy.plan
    title = _("事業%(number)sの実施年度の追加") % {"number": found.number}
    return form_view(
        request, ScheduleForm(form_data(request), measure=found),
        lambda form: services.add_schedule(found, actor=request.user, version=form.seen_version, **form.changes()),
        success_url=_measure_url(plan.number, found.number), success_message=_("実施年度を追加しました。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), _measure_crumb(found), (title, "")),
        cancel_url=_measure_url(plan.number, found.number), context=_measure_eyebrow(found),
    )


def _schedule(number: int, measure: int, schedule: int) -> tuple[Measure, MeasureSchedule]:
    found = queries.measure_by_number(number, measure)
    cell = queries.schedule_of_measure(found, schedule)
    cell.measure = found
    return found, cell


@require_perm(MANAGE)
def schedule_edit(request: HttpRequest, number: int, measure: int, schedule: int) -> HttpResponse:
    found, cell = _schedule(number, measure, schedule)
    plan = found.policy.plan
    title = _("事業%(number)sの実施年度の編集") % {"number": found.number}
    return form_view(
        request, ScheduleForm(form_data(request), measure=found, instance=cell),
        lambda form: services.update_schedule(cell, actor=request.user, version=form.seen_version, **form.changes()),
        success_url=_measure_url(plan.number, found.number), success_message=_("実施年度を更新しました。"),
        title=title, crumbs=_crumbs(_plan_crumb(plan), _measure_crumb(found), (title, "")),
        cancel_url=_measure_url(plan.number, found.number), context=_measure_eyebrow(found),
    )


@require_perm(MANAGE)
def schedule_delete(request: HttpRequest, number: int, measure: int, schedule: int) -> HttpResponse:
    found, cell = _schedule(number, measure, schedule)
    plan = found.policy.plan
    title = _("事業%(number)sの実施年度の削除") % {"number": found.number}
    return confirm_delete_view(
        request, lambda version: services.delete_schedule(cell, actor=request.user, version=version),
        label=cell.period_label, version=found.version, success_message=_("実施年度を削除しました。"),
        success_url=_measure_url(plan.number, found.number), title=title,
        crumbs=_crumbs(_plan_crumb(plan), _measure_crumb(found), (title, "")),
        context={
            **_measure_eyebrow(found), "question": _("次の実施年度を削除します。よろしいですか。"),
            "facts": [(_("期間"), cell.period_label), (_("実施内容"), cell.text)],
        },
    )


# --- Departments -----------------------------------------------------------------------------


def _department_crumbs() -> list[tuple[str, str]]:
    return _crumbs((_("所管課"), reverse("plans_staff:department-list")))


@require_perm(MANAGE)
def department_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/staff/department_list.html", {
        "departments": queries.departments_with_measure_counts(),
        "crumbs": _crumbs((_("所管課"), "")),
    })


@require_perm(MANAGE)
def department_create(request: HttpRequest) -> HttpResponse:
    return form_view(
        request, DepartmentForm(form_data(request)),
        lambda form: services.create_department(actor=request.user, **form.changes()),
        success_url=reverse("plans_staff:department-list"), success_message=_("所管課を登録しました。"),
        title=_("所管課の登録"), crumbs=[*_department_crumbs(), (_("所管課の登録"), "")],
        cancel_url=reverse("plans_staff:department-list"),
    )


@require_perm(MANAGE)
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = queries.department_by_pk(pk)
    title = _("所管課「%(name)s」の編集") % {"name": department.name}
    return form_view(
        request, DepartmentForm(form_data(request), instance=department),
        lambda form: services.update_department(department, actor=request.user, **form.changes()),
        success_url=reverse("plans_staff:department-list"), success_message=_("所管課を更新しました。"),
        title=title, crumbs=[*_department_crumbs(), (title, "")], cancel_url=reverse("plans_staff:department-list"),
    )
