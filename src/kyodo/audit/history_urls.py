"""/staff/history/<app_label>.<model>/<pk>/: an object's change history."""

from django.urls import path

from kyodo.audit import history_views

app_name = "history_staff"
urlpatterns = [
    path("<str:label>/<str:pk>/", history_views.object_history, name="object"),
]
