from django.urls import path

from kyodo.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/sign-up/", views.sign_up, name="sign-up"),
    path("signups/<str:token>/", views.signed_up, name="signed-up"),
    path("signups/<str:token>/cancel/", views.cancel, name="cancel"),
]
