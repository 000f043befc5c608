from django.urls import path

from kyodo.dialogue import meeting_file_views, meeting_staff_views, request_views, staff_views
from kyodo.dialogue.meeting_workflow import MEETING_WORKFLOW
from kyodo.dialogue.requests import REQUEST_WORKFLOW
from kyodo.dialogue.workflow import OPINION_WORKFLOW
from kyodo.workflows.views import action_urls

app_name = "dialogue_staff"
urlpatterns = [
    path("opinions/", staff_views.opinion_list, name="opinion-list"),
    path("community/<slug:slug>/opinions/new/", staff_views.opinion_create, name="opinion-create"),
    path("opinions/<int:pk>/", staff_views.opinion_detail, name="opinion-detail"),
    path("overview/", staff_views.overview_page, name="overview"),
    path("overview/export/", staff_views.overview_export, name="overview-export"),
    path("categories/", staff_views.category_list, name="category-list"),
    path("categories/new/", staff_views.category_create, name="category-create"),
    path("categories/<int:pk>/edit/", staff_views.category_edit, name="category-edit"),
]
# One URL per workflow action: opinions/<pk>/route/, …/answer/, named opinion-route, ….
urlpatterns += action_urls(OPINION_WORKFLOW, route="opinions/<int:pk>/", url_prefix="opinion-",
                           view_for=staff_views.ACTION_VIEWS.__getitem__)

urlpatterns += [
    path("meetings/", meeting_staff_views.meeting_list, name="meeting-list"),
    path("meetings/new/", meeting_staff_views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meeting_staff_views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meeting_staff_views.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/opinions/new/", meeting_staff_views.meeting_opinion_create, name="meeting-opinion-create"),
    path("meetings/<int:pk>/files/new/", meeting_file_views.file_add, name="meeting-file-add"),
    path("meetings/<int:pk>/files/<int:attachment_pk>/", meeting_file_views.file_download,
         name="meeting-file-download"),
    path("meetings/<int:pk>/files/<int:attachment_pk>/delete/", meeting_file_views.file_delete,
         name="meeting-file-delete"),
    path("meeting-kinds/", meeting_staff_views.kind_list, name="kind-list"),
    path("meeting-kinds/new/", meeting_staff_views.kind_create, name="kind-create"),
    path("meeting-kinds/<int:pk>/edit/", meeting_staff_views.kind_edit, name="kind-edit"),
]
urlpatterns += action_urls(MEETING_WORKFLOW, route="meetings/<int:pk>/", url_prefix="meeting-",
                           view_for=meeting_staff_views.ACTION_VIEWS.__getitem__)

urlpatterns += [
    path("requests/", request_views.request_list, name="request-list"),
    path("community/<slug:slug>/requests/new/", request_views.request_create, name="request-create"),
    path("requests/<int:pk>/", request_views.request_detail, name="request-detail"),
]
urlpatterns += action_urls(REQUEST_WORKFLOW, route="requests/<int:pk>/", url_prefix="request-",
                           view_for=request_views.ACTION_VIEWS.__getitem__)
