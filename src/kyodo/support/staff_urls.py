from django.urls import path

from kyodo.support import views

app_name = "support_staff"
urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("communities/<slug:slug>/", views.community, name="community"),
    path("communities/<slug:slug>/contacts/new/", views.contact_create, name="contact-create"),
    path("communities/<slug:slug>/contacts/<int:pk>/done/", views.follow_up_done, name="follow-up-done"),
    path("communities/<slug:slug>/liaison/new/", views.assign, name="assign"),
]
