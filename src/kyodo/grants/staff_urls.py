from django.urls import path

import kyodo.fiscal_years  # noqa: F401  (registers the <fy:…> converter)
from kyodo.grants.applications import drafting_views
from kyodo.grants.applications import views as application_views
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW
from kyodo.grants.attachments import urls as attachment_urls
from kyodo.grants.ledger import urls as ledger_urls
from kyodo.grants.printing import urls as print_urls
from kyodo.grants.programs import views as staff_views
from kyodo.workflows.views import action_urls

app_name = "grants_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("rules/new/", staff_views.rule_create, name="rule-create"),
    path("rules/<int:pk>/edit/", staff_views.rule_edit, name="rule-edit"),
    path("community/<slug:slug>/", staff_views.my_entitlements, name="my-entitlements"),
    path("scenarios/<int:pk>/adopt/", staff_views.scenario_adopt, name="scenario-adopt"),
    path("scenarios/<int:pk>/delete/", staff_views.scenario_delete, name="scenario-delete"),
    path("<slug:program>/<fy:fiscal_year>/entitlements/", staff_views.entitlements, name="entitlements"),
    path("<slug:program>/<fy:fiscal_year>/simulation/", staff_views.simulation, name="simulation"),
    path(
        "<slug:program>/<fy:fiscal_year>/simulation/export/", staff_views.simulation_export, name="simulation-export"
    ),
    path("<slug:program>/<fy:fiscal_year>/scenarios/", staff_views.scenario_list, name="scenario-list"),
    path("<slug:program>/<fy:fiscal_year>/scenarios/save/", staff_views.scenario_save, name="scenario-save"),
]

urlpatterns += [
    path("applications/", application_views.application_list, name="application-list"),
    path("community/<slug:slug>/applications/new/", drafting_views.application_create, name="application-create"),
    path("applications/<int:pk>/", application_views.application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", drafting_views.application_edit, name="application-edit"),
    path("applications/<int:pk>/lines/new/", drafting_views.line_add, name="application-line-add"),
    path("applications/<int:pk>/lines/<int:line_pk>/edit/", drafting_views.line_edit,
         name="application-line-edit"),
    path("applications/<int:pk>/lines/<int:line_pk>/delete/", drafting_views.line_delete,
         name="application-line-delete"),
    path("applications/<int:pk>/actuals/", drafting_views.actuals_edit, name="application-actuals-edit"),
    path("applications/<int:pk>/actuals/lines/new/", drafting_views.actual_line_add,
         name="application-actual-line-add"),
    path("applications/<int:pk>/actuals/lines/<int:line_pk>/edit/", drafting_views.actual_line_edit,
         name="application-actual-line-edit"),
    path("applications/<int:pk>/actuals/lines/<int:line_pk>/delete/", drafting_views.actual_line_delete,
         name="application-actual-line-delete"),
]
# One URL per workflow action: applications/<pk>/submit/, …/pay-advance/, named application-submit, ….
urlpatterns += action_urls(APPLICATION_WORKFLOW, route="applications/<int:pk>/", url_prefix="application-",
                           view_for=application_views.ACTION_VIEWS.__getitem__)

# Printable forms, the ledger and attachments live in their own modules (same namespace).
urlpatterns += print_urls.urlpatterns + ledger_urls.urlpatterns + attachment_urls.urlpatterns
