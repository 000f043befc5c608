"""The community's editing of its application (editing kit): create it, keep its plan and lines while it is a
draft or returned, and write its actuals report and lines once it is awarded."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.editing import confirm_delete_view, form_data, form_view
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.applications import actuals, drafting
from kyodo.grants.applications.forms import ActualLineForm, ActualsReportForm, ApplicationForm, ExpenseLineForm
from kyodo.grants.applications.navigation import application_crumbs, application_url, load_application, load_community
from kyodo.grants.applications.navigation import under_application as crumbs
from kyodo.grants.models import ActualLine, Application, ExpenseLine, GrantProgram
from kyodo.grants.programs.entitlements import eligible
from kyodo.query_params import query_fiscal_year

PREPARE = "grants.prepare_application"
TEMPLATE = "grants/staff/application_form.html"


def _page(request: HttpRequest, application: Application, form: Any, save: Any, *, done: str,
          title: str) -> HttpResponse:
    """A form under the application: back to the application when saved; 422 refused, 409 conflicting."""
    detail = application_url(application)
    return form_view(request, form, save, success_url=detail, success_message=done, title=title,
                     crumbs=crumbs(application, title), cancel_url=detail, template=TEMPLATE)


def _offer_only_eligible(form: Any, community: Community, year: int) -> None:
    """The programs the community may apply to that year (a rule exists, eligible), and the initiatives of
    its plans in force that year, each once."""
    with_rule = GrantProgram.objects.filter(rules__fiscal_year=year).distinct()
    allowed = [program.pk for program in with_rule if eligible(program, community, year)[0]]
    form.fields["program"].queryset = GrantProgram.objects.filter(pk__in=allowed)
    initiatives = form.fields["planned_initiatives"]
    initiatives.queryset = initiatives.queryset.distinct()


def _offer_only_eligible_categories(form: Any, application: Application) -> None:
    """The category list shows only the program's eligible categories for the year. (Another category sent
    anyway is refused by the service, which names it.)"""
    field = form.fields["category"]
    field.widget.choices = [("", field.empty_label or "")] + [
        (category.pk, category.name) for category in application.rule.eligible_categories.order_by("order", "code")]


@require_perm(PREPARE, load=load_community)
def application_create(request: HttpRequest, community: Community, slug: str) -> HttpResponse:
    program = GrantProgram.objects.filter(code=request.GET.get("program", "")).first()
    year = query_fiscal_year(request, default=FiscalYear.current().year) or FiscalYear.current().year
    form = ApplicationForm(form_data(request), community=community, fiscal_year=year, creating=True,
                           initial={"program": program, "fiscal_year": year})
    _offer_only_eligible(form, community, year)

    def create(form: Any) -> Application:
        return drafting.create_application(community, actor=request.user, **form.cleaned_data)

    return form_view(
        request, form, create, success_url=application_url,
        success_message=_("申請の下書きを作成しました。経費の明細を入力してください。"),
        title=_("%(community)sの補助金の申請を作成") % {"community": community.name},
        crumbs=application_crumbs((_("申請の作成"), None)),
        cancel_url=reverse("grants_staff:my-entitlements", args=[community.slug]), template=TEMPLATE,
    )


@require_perm(PREPARE, load=load_application)
def application_edit(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ApplicationForm(
        form_data(request), community=application.community, fiscal_year=application.fiscal_year, creating=False,
        initial={"version": application.version, "title": application.title, "purpose": application.purpose,
                 "planned_initiatives": list(application.planned_initiatives.all())},
    )
    return _page(request, application, form,
                 lambda form: drafting.update_application(application, actor=request.user, **form.cleaned_data),
                 done=_("申請を保存しました。"), title=_("申請の編集"))


def _line_initial(application: Application, line: ExpenseLine | ActualLine) -> dict[str, Any]:
    return {"version": application.version, "category": line.category_id, "description": line.description,
            "amount_yen": line.amount_yen}


def _save_line(save: Any, actor: Any) -> Any:
    return lambda form: save(actor=actor, **form.cleaned_data)


def _delete_line(request: HttpRequest, application: Application, line: ExpenseLine | ActualLine, remove: Any, *,
                 done: str, what: str) -> HttpResponse:
    detail = application_url(application)
    return confirm_delete_view(
        request, lambda version: remove(line, actor=request.user, version=version),
        label=f"{line.category} {line.description} {line.amount_yen:,}円", success_url=detail,
        crumbs=crumbs(application, _("%(what)sの削除") % {"what": what}), version=application.version,
        success_message=done, consequence=_("合計額が変わります。"),
    )


# ---- the plan's expense lines (draft or returned) --------------------------------------------------


def _expense_line(application: Application, line_pk: int) -> ExpenseLine:
    return get_object_or_404(ExpenseLine.objects.select_related("application__rule", "category"), pk=line_pk,
                             application=application)


@require_perm(PREPARE, load=load_application)
def line_add(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ExpenseLineForm(form_data(request), initial={"version": application.version})
    _offer_only_eligible_categories(form, application)
    return _page(request, application, form, _save_line(partial(drafting.add_expense_line, application),
                                                        request.user),
                 done=_("経費の明細を追加しました。"), title=_("経費の明細の追加"))


@require_perm(PREPARE, load=load_application)
def line_edit(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    line = _expense_line(application, line_pk)
    form = ExpenseLineForm(form_data(request), initial=_line_initial(application, line))
    _offer_only_eligible_categories(form, application)
    return _page(request, application, form, _save_line(partial(drafting.update_expense_line, line), request.user),
                 done=_("経費の明細を保存しました。"), title=_("経費の明細の編集"))


@require_perm(PREPARE, load=load_application)
def line_delete(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    return _delete_line(request, application, _expense_line(application, line_pk), drafting.remove_expense_line,
                        done=_("経費の明細を削除しました。"), what=_("経費の明細"))


# ---- the actuals report (awarded, or the report returned) ------------------------------------------


@require_perm(PREPARE, load=load_application)
def actuals_edit(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    report = getattr(application, "actuals_report", None)
    form = ActualsReportForm(form_data(request), initial={
        "version": application.version, "summary": report.summary if report else "",
        "outcomes": report.outcomes if report else ""})
    return _page(request, application, form, _save_line(partial(actuals.save_actuals_report, application),
                                                        request.user),
                 done=_("実績報告の内容を保存しました。"), title=_("実績報告の内容"))


def _actual_line(application: Application, line_pk: int) -> ActualLine:
    return get_object_or_404(ActualLine.objects.select_related("report__application__rule", "category"),
                             pk=line_pk, report__application=application)


@require_perm(PREPARE, load=load_application)
def actual_line_add(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    form = ActualLineForm(form_data(request), initial={"version": application.version})
    _offer_only_eligible_categories(form, application)
    return _page(request, application, form, _save_line(partial(actuals.add_actual_line, application),
                                                        request.user),
                 done=_("支出の明細を追加しました。"), title=_("支出の明細の追加"))


@require_perm(PREPARE, load=load_application)
def actual_line_edit(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    line = _actual_line(application, line_pk)
    form = ActualLineForm(form_data(request), initial=_line_initial(application, line))
    _offer_only_eligible_categories(form, application)
    return _page(request, application, form, _save_line(partial(actuals.update_actual_line, line), request.user),
                 done=_("支出の明細を保存しました。"), title=_("支出の明細の編集"))


@require_perm(PREPARE, load=load_application)
def actual_line_delete(request: HttpRequest, application: Application, pk: int, line_pk: int) -> HttpResponse:
    return _delete_line(request, application, _actual_line(application, line_pk), actuals.remove_actual_line,
                        done=_("支出の明細を削除しました。"), what=_("支出の明細"))
