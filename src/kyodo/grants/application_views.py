"""Staff pages for applications: the queue, the application with its timeline, and one POST per action."""

from __future__ import annotations

from functools import partial
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
from kyodo.forms_http import add_service_errors
from kyodo.grants import actuals, drafting, queries
from kyodo.grants.amounts import compare_categories, entitlement_yen, settlement_figures
from kyodo.grants.application_forms import (
    ActualLineForm,
    ActualsReportForm,
    ApplicationForm,
    ExpenseLineForm,
    VersionForm,
)
from kyodo.grants.attachments import attachment_context
from kyodo.grants.guards import may_edit, may_edit_report
from kyodo.grants.models import ActualLine, Application, ExpenseLine, GrantProgram
from kyodo.grants.reminders import reminders_for
from kyodo.grants.workflow import APPLICATION_WORKFLOW, AWARDED_STATES, NEXT_STEPS, ApplicationStatus
from kyodo.locking import StaleObject
from kyodo.workflows import InvalidTransition
from kyodo.workflows import views as workflow_views

URL_PREFIX = "grants_staff:application-"

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


def _detail_url(application: Application) -> str:
    return reverse("grants_staff:application-detail", args=[application.pk])


def _conflict(request: HttpRequest, application: Application, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=_detail_url(application),
                                   back_label=_("申請に戻る"), crumbs=_crumbs((_("操作できません"), None)))


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
            application = drafting.create_application(
                community,
                actor=request.user,
                program=form.cleaned_data["program"],
                fiscal_year=form.cleaned_data["fiscal_year"],
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
                planned_initiatives=form.cleaned_data["planned_initiatives"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
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
        status=422 if form.errors else 200,
    )


def _action_initial(application: Application) -> dict[str, dict[str, Any]]:
    award = getattr(application, "award", None) if application.status in AWARDED_STATES else None
    return {
        "award": {"amount_yen": application.requested_yen},
        "pay_advance": {"amount_yen": award.amount_yen if award else None},
        "request_change": {"requested_amount_yen": award.amount_yen if award else None},
    }


def _detail_page(
    request: HttpRequest, application: Application, *, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    action_forms = workflow_views.action_forms(
        APPLICATION_WORKFLOW, application, request.user, url_prefix=URL_PREFIX,
        initial=_action_initial(application), bound=bound,
    )
    lines = list(application.lines.all())
    award = getattr(application, "award", None) if application.status in AWARDED_STATES else None
    report = getattr(application, "actuals_report", None)
    settlement = getattr(application, "settlement", None)
    can_edit = may_edit(application, request.user)
    can_edit_report = may_edit_report(application, request.user)
    payments = list(application.payments.all())
    report_lines = list(report.lines.select_related("category")) if report is not None else []
    comparison = compare_categories(application, report_lines) if report is not None else []
    return render(
        request,
        "grants/staff/application_detail.html",
        attachment_context(application, request.user) | {
            "application": application,
            "lines": lines,
            "total_yen": sum(line.amount_yen for line in lines),
            "entitlement_yen": entitlement_yen(application),
            "award": award,
            "change_requests": list(application.change_requests.all()),
            "payments": payments,
            "paid_yen": sum(p.signed_yen for p in payments),
            "report": report,
            "report_lines": report_lines,
            "comparison": comparison,
            "overspend_percent": application.rule.category_overspend_percent,
            "settlement": settlement,
            "settlement_preview": (
                settlement_figures(application) if any(o.action.name == "settle" for o in action_forms) else None
            ),
            "transitions": list(application.transitions.select_related("actor")),
            "reminders": list(reminders_for(application)) if award is not None else [],
            "action_forms": action_forms,
            "next_step": NEXT_STEPS.get(ApplicationStatus(application.status), ""),
            "is_applicant": request.user.has_perm("grants.prepare_application", application),
            "can_edit": can_edit,
            "can_edit_report": can_edit_report,
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
            drafting.update_application(
                application, actor=request.user, version=form.cleaned_data["version"],
                title=form.cleaned_data["title"], purpose=form.cleaned_data["purpose"],
                planned_initiatives=form.cleaned_data["planned_initiatives"],
            )
        except (InvalidTransition, StaleObject) as error:
            return _conflict(request, application, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
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
        status=422 if form.errors else 200,
    )


def _line_page(request: HttpRequest, application: Application, form: Any, title: str) -> HttpResponse:
    """A form under the application (a line, the report's text): 422 when it comes back with errors."""
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
        status=422 if form.errors else 200,
    )


def _line_form(
    request: HttpRequest, application: Application, form: Any, save: Any, *, done: str, title: str
) -> HttpResponse:
    """A line's form (plan or actuals): on a valid POST ``save(actor=…, **cleaned_data)``; a stale version or
    a state that no longer allows it is a 409, the service's refusals go next to the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, **form.cleaned_data)
        except (InvalidTransition, StaleObject) as error:
            return _conflict(request, application, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("grants_staff:application-detail", pk=application.pk)
    return _line_page(request, application, form, title)


def _line_initial(application: Application, line: ExpenseLine | ActualLine) -> dict[str, Any]:
    return {"version": application.version, "category": line.category_id, "description": line.description,
            "amount_yen": line.amount_yen}


def _line_delete(request: HttpRequest, application: Application, remove: Any, line: Any, *, done: str) -> HttpResponse:
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _conflict(request, application, _("画面を読み込み直してから、もう一度操作してください。"))
    try:
        remove(line, actor=request.user, version=form.cleaned_data["version"])
    except (InvalidTransition, StaleObject) as error:
        return _conflict(request, application, str(error))
    messages.success(request, done)
    return redirect("grants_staff:application-detail", pk=application.pk)


@require_perm("grants.prepare_application", load=_application)
def line_add(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ExpenseLineForm(request.POST or None, initial={"version": application.version})
    return _line_form(request, application, form, partial(drafting.add_expense_line, application),
                      done=_("経費の明細を追加しました。"), title=_("経費の明細の追加"))


def _line(application: Application, line_pk: int) -> ExpenseLine:
    return get_object_or_404(ExpenseLine.objects.select_related("application__rule"), pk=line_pk,
                             application=application)


@require_perm("grants.prepare_application", load=_application)
def line_edit(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    line = _line(application, line_pk)
    form = ExpenseLineForm(request.POST or None, initial=_line_initial(application, line))
    return _line_form(request, application, form, partial(drafting.update_expense_line, line),
                      done=_("経費の明細を保存しました。"), title=_("経費の明細の編集"))


@require_perm("grants.prepare_application", load=_application)
@require_POST
def line_delete(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    return _line_delete(request, application, drafting.remove_expense_line, _line(application, line_pk),
                        done=_("経費の明細を削除しました。"))


def _action_view(action: str) -> Any:
    return workflow_views.action_view(
        APPLICATION_WORKFLOW, action, load=_application, detail_page=_detail_page, detail_url=_detail_url,
        conflict_page=_conflict,
    )


ACTION_VIEWS = {action: _action_view(action) for action in APPLICATION_WORKFLOW.actions}


# ---- the actuals report (the community) ------------------------------------------------------


@require_perm("grants.prepare_application", load=_application)
def actuals_edit(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    report = getattr(application, "actuals_report", None)
    form = ActualsReportForm(request.POST or None, initial={
        "version": application.version, "summary": report.summary if report else "",
        "outcomes": report.outcomes if report else ""})
    if request.method == "POST" and form.is_valid():
        try:
            actuals.save_actuals_report(application, actor=request.user, **form.cleaned_data)
        except (InvalidTransition, StaleObject) as error:
            return _conflict(request, application, str(error))
        messages.success(request, _("実績報告の内容を保存しました。"))
        return redirect("grants_staff:application-detail", pk=application.pk)
    return _line_page(request, application, form, _("実績報告の内容"))


def _actual_line(application: Application, line_pk: int) -> ActualLine:
    return get_object_or_404(ActualLine.objects.select_related("report__application__rule"), pk=line_pk,
                             report__application=application)


@require_perm("grants.prepare_application", load=_application)
def actual_line_add(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ActualLineForm(request.POST or None, initial={"version": application.version})
    return _line_form(request, application, form, partial(actuals.add_actual_line, application),
                      done=_("支出の明細を追加しました。"), title=_("支出の明細の追加"))


@require_perm("grants.prepare_application", load=_application)
def actual_line_edit(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    line = _actual_line(application, line_pk)
    form = ActualLineForm(request.POST or None, initial=_line_initial(application, line))
    return _line_form(request, application, form, partial(actuals.update_actual_line, line),
                      done=_("支出の明細を保存しました。"), title=_("支出の明細の編集"))


@require_perm("grants.prepare_application", load=_application)
@require_POST
def actual_line_delete(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    return _line_delete(request, application, actuals.remove_actual_line, _actual_line(application, line_pk),
                        done=_("支出の明細を削除しました。"))
