from django.contrib.auth import views as auth_views
from django.urls import path

from kyodo.access import AccessPolicy, authenticated, declare
from kyodo.accounts.forms import SignInForm
from kyodo.accounts.views import OwnPasswordChangeView, SignInView

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        declare(
            SignInView.as_view(
                template_name="accounts/login.html", authentication_form=SignInForm, redirect_authenticated_user=True
            ),
            AccessPolicy("public"),
        ),
        name="login",
    ),
    path("password/", authenticated(OwnPasswordChangeView.as_view()), name="password"),
    path("logout/", declare(auth_views.LogoutView.as_view(), AccessPolicy("public")), name="logout"),
]
