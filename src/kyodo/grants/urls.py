from django.urls import path

from kyodo.grants import views

app_name = "grants"
urlpatterns = [
    path("", views.index, name="index"),
    path("totals/", views.totals, name="totals"),
    path("communities/<slug:slug>/", views.community_totals, name="community-totals"),
]
