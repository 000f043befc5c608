from django.urls import path

from kyodo.accounts import staff_views

app_name = "accounts_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("new/", staff_views.create, name="account-create"),
    path("<int:pk>/", staff_views.account, name="account"),
    path("<int:pk>/role/", staff_views.change_role, name="account-role"),
    path("<int:pk>/deactivate/", staff_views.deactivate, name="account-deactivate"),
    path("<int:pk>/reactivate/", staff_views.reactivate, name="account-reactivate"),
    path("<int:pk>/password/", staff_views.reset_password, name="account-password"),
]
