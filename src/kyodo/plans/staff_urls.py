"""/staff/plans/: the city's editing of plans, policies, measures, schedules and departments."""

from django.urls import path

from kyodo.plans import staff_views

app_name = "plans_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("new/", staff_views.plan_create, name="plan-create"),
    path("<int:number>/", staff_views.plan_detail, name="plan-detail"),
    path("<int:number>/edit/", staff_views.plan_edit, name="plan-edit"),
    path("<int:number>/policies/new/", staff_views.policy_create, name="policy-create"),
    path("<int:number>/policies/<int:policy>/edit/", staff_views.policy_edit, name="policy-edit"),
    path("<int:number>/policies/<int:policy>/measures/new/", staff_views.measure_create, name="measure-create"),
    path("<int:number>/measures/<int:measure>/edit/", staff_views.measure_edit, name="measure-edit"),
    path("<int:number>/measures/<int:measure>/schedules/new/", staff_views.schedule_create, name="schedule-create"),
    path(
        "<int:number>/measures/<int:measure>/schedules/<int:schedule>/edit/",
        staff_views.schedule_edit, name="schedule-edit",
    ),
    path(
        "<int:number>/measures/<int:measure>/schedules/<int:schedule>/delete/",
        staff_views.schedule_delete, name="schedule-delete",
    ),
    path("departments/", staff_views.department_list, name="department-list"),
    path("departments/new/", staff_views.department_create, name="department-create"),
    path("departments/<int:pk>/edit/", staff_views.department_edit, name="department-edit"),
]
