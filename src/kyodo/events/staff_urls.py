from django.urls import path

from kyodo.events import attendance_views, report_views, session_views, staff_views
from kyodo.events.publishing import EVENT_WORKFLOW
from kyodo.workflows.views import action_urls

app_name = "events_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("new/", staff_views.event_create, name="event-create"),
    path("<int:pk>/", staff_views.event, name="event"),
    path("<int:pk>/edit/", staff_views.event_edit, name="event-edit"),
    path("<int:pk>/register/", staff_views.staff_register, name="event-register"),
    path("<int:pk>/registrations/<int:registration_pk>/cancel/", staff_views.registration_cancel,
         name="registration-cancel"),
    path("<int:pk>/sessions/new/", session_views.session_add, name="session-add"),
    path("<int:pk>/sessions/<int:session_pk>/remove/", session_views.session_remove, name="session-remove"),
    path("<int:pk>/attendance/", attendance_views.attendance_list, name="attendance"),
    path("<int:pk>/checkin/", attendance_views.checkin, name="checkin"),
    path("<int:pk>/checkin/<int:registration_pk>/", attendance_views.checkin_mark, name="checkin-mark"),
    path("participation/", report_views.participation, name="participation"),
    path("history/", report_views.training_history, name="history"),
    path("kinds/", staff_views.kind_list, name="kinds"),
    path("kinds/new/", staff_views.kind_create, name="kind-create"),
    path("kinds/<int:kind_pk>/edit/", staff_views.kind_edit, name="kind-edit"),
    *action_urls(EVENT_WORKFLOW, route="<int:pk>/", url_prefix="events_staff:event-",
                 view_for=lambda name: staff_views.ACTION_VIEWS[name]),
]
