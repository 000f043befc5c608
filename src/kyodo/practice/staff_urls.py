from django.urls import path

from kyodo.practice import staff_views, theme_views
from kyodo.practice.workflow import REPORT_WORKFLOW
from kyodo.workflows.views import action_urls

app_name = "practice_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("new/", staff_views.report_create, name="report-create"),
    path("<int:pk>/", staff_views.report, name="report"),
    path("<int:pk>/edit/", staff_views.report_edit, name="report-edit"),
    path("<int:pk>/photos/", staff_views.photo_add, name="photo-add"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", staff_views.photo_delete, name="photo-delete"),
    path("events/<int:pk>/", staff_views.presented, name="event-reports"),
    path("themes/", theme_views.theme_list, name="theme-list"),
    path("themes/new/", theme_views.theme_create, name="theme-create"),
    path("themes/<int:pk>/edit/", theme_views.theme_edit, name="theme-edit"),
    *action_urls(REPORT_WORKFLOW, route="<int:pk>/", url_prefix="practice_staff:report-",
                 view_for=lambda name: staff_views.ACTION_VIEWS[name]),
]
