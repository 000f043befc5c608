from django.urls import path

from kyodo.dialogue import views

app_name = "dialogue"
urlpatterns = [
    path("", views.opinion_list, name="opinion-list"),
    path("<int:pk>/", views.opinion_detail, name="opinion-detail"),
]
