"""The account pages of the work area (/staff/accounts/): 情報システム担当 lists, creates and changes accounts.

Each action on an account is a page of its own: GET asks for confirmation and names the consequence, POST
acts. Refused input answers 422 with the reasons, an account changed meanwhile 409; nothing is written then.
A generated password is shown once, on the page that answers the POST, and is never stored in the clear.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kyodo.access import require_perm
from kyodo.accounts import queries, services
from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.accounts.staff_forms import AccountCreateForm, ConfirmForm, PasswordResetForm, RoleChangeForm
from kyodo.communities.models import BranchOffice, Community
from kyodo.editing import form_data
from kyodo.forms_http import CONFLICT, add_service_errors, form_status
from kyodo.locking import StaleObject

PAGE_SIZE = 50
# The audit log's page (/staff/audit/) filters by object; it is linked by path, not by URL name.


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("アカウント管理"), reverse("accounts_staff:index")), *more]


def account_url(account: User) -> str:
    return reverse("accounts_staff:account", args=[account.pk])


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


@require_perm("accounts.manage_accounts")
def index(request: HttpRequest) -> HttpResponse:
    filters = queries.AccountFilters.of(request.GET)
    page_obj = Paginator(queries.account_list(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/staff/index.html", {
        "page_obj": page_obj, "accounts": page_obj.object_list, "filters": filters,
        "roles": Role.choices, "no_role": queries.NO_ROLE,
        "branch_offices": BranchOffice.objects.order_by("order", "name").only("pk", "name"),
        "communities": Community.objects.order_by("name_kana").only("pk", "name"),
        "query_without_page": query_without_page(request),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("アカウント管理"), None)],
    })


def _password_shown(request: HttpRequest, account: User, password: str, *, created: bool) -> HttpResponse:
    response = render(request, "accounts/staff/password_shown.html", {
        "account": account, "password": password, "created": created,
        "crumbs": crumbs((str(account), account_url(account)), (_("仮パスワード"), None)),
    })
    response["Cache-Control"] = "no-store"
    return response


def _run(form: forms.Form, action: Callable[[], Any]) -> tuple[Any, int | None]:
    """Run ``action`` in one transaction: (its result, None), or (None, the status of the refusal)."""
    try:
        with transaction.atomic():
            return action(), None
    except StaleObject as error:
        form.add_error(None, str(error))
        return None, CONFLICT
    except ValidationError as error:
        add_service_errors(form, error)
        return None, form_status(form)


@never_cache
@require_perm("accounts.manage_accounts")
def create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(form_data(request))
    status = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        password = services.temporary_password() if data["generate"] else data["password1"]
        account, status = _run(form, lambda: services.create_account(
            actor=request.user, username=data["username"], display_name=data["display_name"], email=data["email"],
            role=data["role"], password=password, **form.scope()))
        if account is not None:
            if data["generate"]:
                return _password_shown(request, account, password, created=True)
            messages.success(request, _("アカウント「%(name)s」を作成しました。") % {"name": account.username})
            return redirect(account_url(account))
    return render(request, "accounts/staff/create.html", {
        "form": form, "title": _("アカウントを作成"), "crumbs": crumbs((_("アカウントを作成"), None)),
        "cancel_url": reverse("accounts_staff:index"), "submit_label": _("作成する"),
    }, status=status or form_status(form))


@require_perm("accounts.view_account", load=queries.account)
def account(request: HttpRequest, account: User, pk: int) -> HttpResponse:
    may_edit = request.user.has_perm("accounts.change_account", account)
    audit_log_url = reverse("audit_staff:index") + f"?object_type=accounts.user&object_id={account.pk}"
    return render(request, "accounts/staff/account.html", {
        "account": account, "may_edit": may_edit, "is_self": account.pk == request.user.pk,
        "events": queries.recent_events(account), "audit_log_url": audit_log_url,
        "crumbs": crumbs((str(account), None)),
    })


def _action_page(request: HttpRequest, account: User, form: forms.Form, act: Callable[[], Any], *,
                 title: str, consequence: str, submit_label: str, done: Callable[[Any], HttpResponse],
                 danger: bool = False) -> HttpResponse:
    """GET: the confirmation naming the consequence; POST: ``act()``, then ``done(result)``."""
    status = None
    if request.method == "POST" and form.is_valid():
        result, status = _run(form, act)
        if status is None:
            return done(result)
    return render(request, "accounts/staff/action.html", {
        "account": account, "form": form, "title": title, "consequence": consequence, "submit_label": submit_label,
        "danger": danger, "cancel_url": account_url(account),
        "crumbs": crumbs((str(account), account_url(account)), (title, None)),
    }, status=status or form_status(form))


def _done(request: HttpRequest, message: str) -> Callable[[User], HttpResponse]:
    def done(account: User) -> HttpResponse:
        messages.success(request, message)
        return redirect(account_url(account))

    return done


@require_perm("accounts.change_account", load=queries.account)
def change_role(request: HttpRequest, account: User, pk: int) -> HttpResponse:
    initial = {"role": account.role, "branch_office": account.branch_office_id, "department": account.department_id,
               "community": account.community_id, "company": account.company_id,
               "seen": services.fingerprint(account)}
    form = RoleChangeForm(form_data(request), initial=initial)
    return _action_page(
        request, account, form,
        lambda: services.change_role(account, actor=request.user, seen=form.cleaned_data["seen"],
                                     role=form.cleaned_data["role"], **form.scope()),
        title=_("役割と担当範囲を変更"), submit_label=_("変更する"),
        consequence=_("変更すると、この方が使える画面と扱えるデータがすぐに変わります。変更は監査ログに記録されます。"),
        done=_done(request, _("役割と担当範囲を変更しました。")),
    )


@require_perm("accounts.change_account", load=queries.account)
def deactivate(request: HttpRequest, account: User, pk: int) -> HttpResponse:
    form = ConfirmForm(form_data(request), initial={"seen": services.fingerprint(account)})
    return _action_page(
        request, account, form,
        lambda: services.set_active(account, actor=request.user, seen=form.cleaned_data["seen"], active=False),
        title=_("アカウントを停止"), submit_label=_("停止する"), danger=True,
        consequence=_("停止すると、この方はサインインできなくなり、サインイン中の画面もすべて終了します"
                      "(セッションを終了します)。データは残り、あとで再開できます。"),
        done=_done(request, _("アカウントを停止し、サインイン中のセッションを終了しました。")),
    )


@require_perm("accounts.change_account", load=queries.account)
def reactivate(request: HttpRequest, account: User, pk: int) -> HttpResponse:
    form = ConfirmForm(form_data(request), initial={"seen": services.fingerprint(account)})
    return _action_page(
        request, account, form,
        lambda: services.set_active(account, actor=request.user, seen=form.cleaned_data["seen"], active=True),
        title=_("アカウントを再開"), submit_label=_("再開する"),
        consequence=_("再開すると、この方は今のパスワードで再びサインインでき、役割に応じた画面を使えます。"),
        done=_done(request, _("アカウントを再開しました。")),
    )


@never_cache
@require_perm("accounts.change_account", load=queries.account)
def reset_password(request: HttpRequest, account: User, pk: int) -> HttpResponse:
    form = PasswordResetForm(form_data(request), account=account, initial={"seen": services.fingerprint(account)})
    generated = services.temporary_password()

    def act() -> User:
        password = generated if form.cleaned_data["generate"] else form.cleaned_data["password1"]
        return services.set_password(account, actor=request.user, seen=form.cleaned_data["seen"], password=password)

    def done(updated: User) -> HttpResponse:
        if form.cleaned_data["generate"]:
            return _password_shown(request, updated, generated, created=False)
        return _done(request, _("パスワードを再設定しました。本人に伝えてください。"))(updated)

    return _action_page(
        request, account, form, act, title=_("パスワードを再設定"), submit_label=_("再設定する"), done=done,
        consequence=_("再設定すると、今のパスワードは使えなくなります。新しいパスワードを本人に伝え、"
                      "サインイン後に自分で変更してもらってください。"),
    )
