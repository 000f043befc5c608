from django.urls import path

from kyodo.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.calendar_feed, name="ical"),
    path("open-data/", views.open_data, name="open-data"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("registrations/<str:token>/", views.registered, name="registered"),
    path("registrations/<str:token>/cancel/", views.cancel, name="cancel"),
]
