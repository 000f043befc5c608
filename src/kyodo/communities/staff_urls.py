from django.urls import path

from kyodo.communities import staff_views

app_name = "communities_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("branches/", staff_views.branch_list, name="branch-list"),
    path("districts/", staff_views.district_list, name="district-list"),
    path("<slug:slug>/", staff_views.community, name="community"),
]
