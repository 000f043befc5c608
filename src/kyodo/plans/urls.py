from django.urls import path

from kyodo.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.current, name="current"),
    path("<int:number>/", views.detail, name="detail"),
    path("<int:number>/measures/<int:measure>/", views.measure, name="measure"),
]
