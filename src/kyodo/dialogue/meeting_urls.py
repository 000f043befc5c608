from django.urls import path

from kyodo.dialogue import meeting_file_views, meeting_views

app_name = "meetings"
urlpatterns = [
    path("", meeting_views.meeting_list, name="list"),
    path("meetings.ics", meeting_views.meeting_feed, name="ical"),
    path("<int:pk>/", meeting_views.meeting_detail, name="detail"),
    path("<int:pk>/files/<int:attachment_pk>/", meeting_file_views.public_file_download, name="file"),
]
