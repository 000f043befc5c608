from django.urls import path

from kyodo.communities import views

app_name = "communities"
urlpatterns = [
    path("", views.community_list, name="list"),
    path("<slug:slug>/", views.community_detail, name="detail"),
]
