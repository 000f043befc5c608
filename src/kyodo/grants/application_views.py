"""Staff pages for applications: the queue, the application with its timeline, and one POST per action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.fiscal_years import FiscalYear
from kyodo.grants import applications as services
from kyodo.grants import queries
from kyodo.grants.application_forms import ActionForm, ApplicationForm, AwardForm, ExpenseLineForm, VersionForm
from kyodo.grants.models import Application, ExpenseLine, GrantProgram
from kyodo.grants.workflow import ACTION_LABELS, ACTION_PERMS, ACTION_ROLES, ApplicationStatus, InvalidTransition
from kyodo.locking import StaleObject

PAGE_SIZE = 20


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("補助金の申請"), reverse("grants_staff:application-list")),
            *more]


def _application(request: HttpRequest, pk: int, **_kwargs: Any) -> Application:
    return queries.application_detail(request.user, pk)


def _community(request: HttpRequest, slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def _conflict(request: HttpRequest, application: Application, message: str) -> HttpResponse:
    return render(
        request,
        "grants/staff/application_conflict.html",
        {"application": application, "message": message, "crumbs": _crumbs((_("操作できません"), None))},
        status=409,
    )


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_perm("grants.list_applications")
def application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    counts = queries.status_counts(request.user)
    page = Paginator(queries.review_queue(request.user, status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/staff/application_list.html",
        {
            "page_obj": page,
            "status": status,
            "states": [(value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices],
            "total": sum(counts.values()),
            "query_without_page": _query_without_page(request),
            "crumbs": [(_("作業画面"), reverse("staff:home")), (_("補助金の申請"), None)],
        },
    )


@require_perm("grants.prepare_application", load=_community)
def application_create(request: HttpRequest, community: Community, slug: str) -> HttpResponse:
    program = GrantProgram.objects.filter(code=request.GET.get("program", "")).first()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else FiscalYear.current().year
    form = ApplicationForm(
        request.POST or None, community=community, fiscal_year=year, creating=True,
        initial={"program": program, "fiscal_year": year},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.create_application(
                community,
                actor=request.user,
                program=form.cleaned_data["program"],
                fiscal_year=form.cleaned_data["fiscal_year"],
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
                planned_initiatives=form.cleaned_data["planned_initiatives"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("申請の下書きを作成しました。経費の明細を入力してください。"))
            return redirect("grants_staff:application-detail", pk=application.pk)
    return render(
        request,
        "grants/staff/application_form.html",
        {
            "form": form,
            "title": _("%(community)sの補助金の申請を作成") % {"community": community.name},
            "cancel_url": reverse("grants_staff:my-entitlements", args=[community.slug]),
            "crumbs": _crumbs((_("申請の作成"), None)),
        },
    )


def _action_forms(application: Application, actions: list[str]) -> dict[str, Any]:
    initial = {"version": application.version}
    result: dict[str, Any] = {}
    for action in actions:
        form_class = AwardForm if action == "award" else ActionForm
        extra = {"amount_yen": application.requested_yen} if action == "award" else {}
        result[action] = form_class(initial=initial | extra, prefix=action)
    return result


def _detail_page(
    request: HttpRequest, application: Application, *, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    actions = services.allowed_actions(application, request.user)
    forms = _action_forms(application, actions)
    if bound is not None:
        forms[bound[0]] = bound[1]
    lines = list(application.lines.all())
    award = getattr(application, "award", None) if application.status == ApplicationStatus.AWARDED else None
    can_edit = services.may_edit(application, request.user)
    return render(
        request,
        "grants/staff/application_detail.html",
        {
            "application": application,
            "lines": lines,
            "total_yen": sum(line.amount_yen for line in lines),
            "entitlement_yen": services.entitlement_yen(application),
            "award": award,
            "transitions": list(application.transitions.all()),
            "action_forms": [(action, ACTION_LABELS[action], forms[action]) for action in actions],
            "can_edit": can_edit,
            "line_form": ExpenseLineForm(initial={"version": application.version}) if can_edit else None,
            "version_form": VersionForm(initial={"version": application.version}),
            "crumbs": _crumbs((str(application), None)),
        },
        status=status,
    )


@require_perm("grants.view_application", load=_application)
def application_detail(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    return _detail_page(request, application)


@require_perm("grants.prepare_application", load=_application)
def application_edit(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ApplicationForm(
        request.POST or None, community=application.community, fiscal_year=application.fiscal_year, creating=False,
        initial={"version": application.version, "title": application.title, "purpose": application.purpose,
                 "planned_initiatives": list(application.planned_initiatives.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_application(
                application, actor=request.user, version=form.cleaned_data["version"],
                title=form.cleaned_data["title"], purpose=form.cleaned_data["purpose"],
                planned_initiatives=form.cleaned_data["planned_initiatives"],
            )
        except (InvalidTransition, StaleObject) as error:
            return _conflict(request, application, str(error))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("申請を保存しました。"))
            return redirect("grants_staff:application-detail", pk=application.pk)
    return render(
        request,
        "grants/staff/application_form.html",
        {
            "form": form,
            "title": _("申請の編集"),
            "cancel_url": reverse("grants_staff:application-detail", args=[application.pk]),
            "crumbs": _crumbs((str(application), reverse("grants_staff:application-detail", args=[application.pk])),
                              (_("申請の編集"), None)),
        },
    )


def _line_page(request: HttpRequest, application: Application, form: Any, title: str) -> HttpResponse:
    return render(
        request,
        "grants/staff/application_form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": reverse("grants_staff:application-detail", args=[application.pk]),
            "crumbs": _crumbs((str(application), reverse("grants_staff:application-detail", args=[application.pk])),
                              (title, None)),
        },
    )


@require_perm("grants.prepare_application", load=_application)
def line_add(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ExpenseLineForm(request.POST or None, initial={"version": application.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_expense_line(application, actor=request.user, **form.cleaned_data)
        except (InvalidTransition, StaleObject) as error:
            return _conflict(request, application, str(error))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("経費の明細を追加しました。"))
            return redirect("grants_staff:application-detail", pk=application.pk)
    return _line_page(request, application, form, _("経費の明細の追加"))


def _line(application: Application, line_pk: int) -> ExpenseLine:
    return get_object_or_404(ExpenseLine.objects.select_related("application__rule"), pk=line_pk,
                             application=application)


@require_perm("grants.prepare_application", load=_application)
def line_edit(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    line = _line(application, line_pk)
    form = ExpenseLineForm(request.POST or None, initial={
        "version": application.version, "category": line.category_id, "description": line.description,
        "amount_yen": line.amount_yen})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_expense_line(line, actor=request.user, **form.cleaned_data)
        except (InvalidTransition, StaleObject) as error:
            return _conflict(request, application, str(error))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("経費の明細を保存しました。"))
            return redirect("grants_staff:application-detail", pk=application.pk)
    return _line_page(request, application, form, _("経費の明細の編集"))


@require_perm("grants.prepare_application", load=_application)
@require_POST
def line_delete(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    line = _line(application, line_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _conflict(request, application, _("画面を読み込み直してから、もう一度操作してください。"))
    try:
        services.remove_expense_line(line, actor=request.user, version=form.cleaned_data["version"])
    except (InvalidTransition, StaleObject) as error:
        return _conflict(request, application, str(error))
    messages.success(request, _("経費の明細を削除しました。"))
    return redirect("grants_staff:application-detail", pk=application.pk)


DONE_MESSAGES = {
    "submit": _("申請しました。"),
    "return": _("申請を差し戻しました。"),
    "recommend": _("申請を推薦しました。"),
    "award": _("交付決定しました。"),
    "reject": _("不交付としました。"),
}


def _take_action(request: HttpRequest, application: Application, action: str) -> HttpResponse:
    form_class = AwardForm if action == "award" else ActionForm
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        return _detail_page(request, application, bound=(action, form))
    values = dict(form.cleaned_data)
    try:
        getattr(services, f"{action}_application")(application, actor=request.user, **values)
    except (InvalidTransition, StaleObject) as error:
        return _conflict(request, application, str(error))
    except ValidationError as error:
        _add_errors(form, error)
        return _detail_page(request, application, bound=(action, form))
    messages.success(request, str(DONE_MESSAGES[action]))
    return redirect("grants_staff:application-detail", pk=application.pk)


def _action_view(action: str) -> Any:
    @require_perm(ACTION_PERMS[ACTION_ROLES[action]], load=_application)
    @require_POST
    def view(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
        return _take_action(request, application, action)

    view.__name__ = view.__qualname__ = f"application_{action}"
    return view


application_submit = _action_view("submit")
application_return = _action_view("return")
application_recommend = _action_view("recommend")
application_award = _action_view("award")
application_reject = _action_view("reject")
