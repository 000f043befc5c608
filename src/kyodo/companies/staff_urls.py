from django.urls import path

from kyodo.companies import staff_views
from kyodo.companies.workflow import PARTNERSHIP_WORKFLOW
from kyodo.workflows.views import action_urls

app_name = "companies_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("new/", staff_views.partnership_create, name="partnership-create"),
    path("<int:pk>/", staff_views.partnership, name="partnership"),
    path("<int:pk>/edit/", staff_views.partnership_edit, name="partnership-edit"),
    path("companies/", staff_views.company_list, name="company-list"),
    path("companies/new/", staff_views.company_create, name="company-create"),
    path("companies/<slug:slug>/edit/", staff_views.company_edit, name="company-edit"),
    *action_urls(PARTNERSHIP_WORKFLOW, route="<int:pk>/", url_prefix="companies_staff:partnership-",
                 view_for=lambda name: staff_views.ACTION_VIEWS[name]),
]
