from django.urls import path

from kyodo.practice import views

app_name = "practice"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
]
