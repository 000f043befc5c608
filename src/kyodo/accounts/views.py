"""The sign-in page (Django's LoginView, answering 400 when the sign-in is refused) and the own password page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.accounts.sign_in_limits import set_device_cookie
from kyodo.forms_http import INVALID


class SignInView(auth_views.LoginView):
    """A wrong user name or password re-renders the form with its one generic message, as a 400.

    django-axes counts the failure from the ``user_login_failed`` signal and its middleware replaces
    the response of a locked-out sign-in (429) whatever this view answered.
    """

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        set_device_cookie(response, form.get_user().get_username())
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class OwnPasswordChangeView(auth_views.PasswordChangeView):
    """Every signed-in user changes their own password (Django's view, kyodo's page); refused input is a 422."""

    template_name = "accounts/password_change.html"

    def get_success_url(self) -> str:
        return reverse("staff:home") if self.request.user.has_perm("accounts.use_workspace") else reverse("portal:home")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("パスワードを変更しました。"))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = INVALID
        return response
