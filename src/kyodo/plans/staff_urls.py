from django.urls import path

from kyodo.plans import staff_views

app_name = "plans_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
]
