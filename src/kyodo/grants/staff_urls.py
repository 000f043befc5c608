from django.urls import path

from kyodo.grants import staff_views

app_name = "grants_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("rules/new/", staff_views.rule_create, name="rule-create"),
    path("rules/<int:pk>/edit/", staff_views.rule_edit, name="rule-edit"),
    path("community/<slug:slug>/", staff_views.my_entitlements, name="my-entitlements"),
    path("scenarios/<int:pk>/adopt/", staff_views.scenario_adopt, name="scenario-adopt"),
    path("scenarios/<int:pk>/delete/", staff_views.scenario_delete, name="scenario-delete"),
    path("<slug:program>/<int:fiscal_year>/entitlements/", staff_views.entitlements, name="entitlements"),
    path("<slug:program>/<int:fiscal_year>/simulation/", staff_views.simulation, name="simulation"),
    path(
        "<slug:program>/<int:fiscal_year>/simulation/export/", staff_views.simulation_export, name="simulation-export"
    ),
    path("<slug:program>/<int:fiscal_year>/scenarios/", staff_views.scenario_list, name="scenario-list"),
    path("<slug:program>/<int:fiscal_year>/scenarios/save/", staff_views.scenario_save, name="scenario-save"),
]
