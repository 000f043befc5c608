from django.urls import path

import kyodo.fiscal_years  # noqa: F401  (registers the <fy:…> converter)
from kyodo.communities import staff_views

app_name = "communities_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("branches/", staff_views.branch_list, name="branch-list"),
    path("branches/new/", staff_views.branch_create, name="branch-create"),
    path("branches/<slug:branch>/edit/", staff_views.branch_edit, name="branch-edit"),
    path("districts/", staff_views.district_list, name="district-list"),
    path("districts/new/", staff_views.district_create, name="district-create"),
    path("districts/<int:pk>/", staff_views.district_edit, name="district-edit"),
    path("districts/<int:pk>/figures/new/", staff_views.district_figure_create, name="district-figure-create"),
    path(
        "districts/<int:pk>/figures/<fy:fiscal_year>/", staff_views.district_figure_edit,
        name="district-figure-edit",
    ),
    path("<slug:slug>/", staff_views.community, name="community"),
    path("<slug:slug>/edit/", staff_views.community_edit, name="community-edit"),
    path("<slug:slug>/officers/new/", staff_views.officer_create, name="officer-create"),
    path("<slug:slug>/officers/<int:pk>/edit/", staff_views.officer_edit, name="officer-edit"),
    path("<slug:slug>/officers/<int:pk>/delete/", staff_views.officer_delete, name="officer-delete"),
    path("<slug:slug>/members/new/", staff_views.member_create, name="member-create"),
    path("<slug:slug>/members/<int:pk>/edit/", staff_views.member_edit, name="member-edit"),
    path("<slug:slug>/members/<int:pk>/delete/", staff_views.member_delete, name="member-delete"),
    path("<slug:slug>/plans/new/", staff_views.plan_create, name="plan-create"),
    path("<slug:slug>/plans/<int:pk>/", staff_views.plan, name="plan"),
    path("<slug:slug>/plans/<int:pk>/edit/", staff_views.plan_edit, name="plan-edit"),
    path("<slug:slug>/plans/<int:pk>/goals/new/", staff_views.goal_create, name="goal-create"),
    path("<slug:slug>/plans/<int:pk>/goals/<int:goal_pk>/edit/", staff_views.goal_edit, name="goal-edit"),
    path("<slug:slug>/plans/<int:pk>/goals/<int:goal_pk>/delete/", staff_views.goal_delete, name="goal-delete"),
    path("<slug:slug>/plans/<int:pk>/initiatives/new/", staff_views.initiative_create, name="initiative-create"),
    path(
        "<slug:slug>/plans/<int:pk>/initiatives/<int:initiative_pk>/edit/", staff_views.initiative_edit,
        name="initiative-edit",
    ),
    path(
        "<slug:slug>/plans/<int:pk>/initiatives/<int:initiative_pk>/delete/", staff_views.initiative_delete,
        name="initiative-delete",
    ),
    path("<slug:slug>/plans/<int:pk>/revisions/new/", staff_views.revision_create, name="revision-create"),
]
