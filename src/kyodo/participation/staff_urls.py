from django.urls import path

from kyodo.participation import report_views, staff_views
from kyodo.participation.publishing import OPPORTUNITY_WORKFLOW
from kyodo.workflows.views import action_urls

app_name = "participation_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("new/", staff_views.opportunity_create, name="opportunity-create"),
    path("<int:pk>/", staff_views.opportunity, name="opportunity"),
    path("<int:pk>/edit/", staff_views.opportunity_edit, name="opportunity-edit"),
    path("<int:pk>/signups/<int:signup_pk>/confirm/", staff_views.signup_confirm, name="signup-confirm"),
    path("<int:pk>/signups/<int:signup_pk>/cancel/", staff_views.signup_cancel, name="signup-cancel"),
    path("<int:pk>/signups/<int:signup_pk>/attended/", staff_views.signup_attended, name="signup-attended"),
    path("participation/", report_views.participation, name="participation"),
    path("participation.xlsx", report_views.participation_xlsx, name="participation-xlsx"),
    *action_urls(OPPORTUNITY_WORKFLOW, route="<int:pk>/", url_prefix="participation_staff:opportunity-",
                 view_for=lambda name: staff_views.ACTION_VIEWS[name]),
]
