from django.urls import path

from kyodo.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.index, name="index"),
]
