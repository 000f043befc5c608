"""Staff pages for applications: the queue, the application with its timeline, and one POST per action."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.grants.applications import queries
from kyodo.grants.applications.amounts import compare_categories, entitlement_yen, settlement_figures
from kyodo.grants.applications.forms import ExpenseLineForm, VersionForm
from kyodo.grants.applications.guards import may_edit, may_edit_report
from kyodo.grants.applications.navigation import application_crumbs, application_url, conflict, load_application
from kyodo.grants.applications.states import next_step
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW, AWARDED_STATES, ApplicationStatus
from kyodo.grants.attachments.services import attachment_context
from kyodo.grants.models import Application
from kyodo.grants.reminders import reminders_for
from kyodo.workflows import views as workflow_views

URL_PREFIX = "grants_staff:application-"

PAGE_SIZE = 20


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


def _list_filters(request: HttpRequest, choices: dict[str, list[tuple[Any, str]]]) -> dict[str, Any]:
    """The list's filters from the query string; a value not offered is ignored (the whole list)."""

    def offered(name: str, key: str) -> str:
        value = request.GET.get(name, "")
        return value if value in {str(choice) for choice, _label in choices[key]} else ""

    year = offered("year", "years")
    return {
        "fiscal_year": int(year) if year else None, "program": offered("program", "programs"),
        "branch_office": offered("branch", "branches"), "community_text": request.GET.get("q", "").strip()[:100],
    }


@require_perm("grants.list_applications")
def application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    counts = queries.status_counts(request.user)
    choices = queries.filter_choices(request.user)
    filters = _list_filters(request, choices)
    queue = queries.review_queue(request.user, status, **filters)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/staff/application_list.html",
        {
            "page_obj": page,
            "status": status,
            "filters": filters,
            "choices": choices,
            "states": [(value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices],
            "total": sum(counts.values()),
            "query_without_page": _query_without_page(request),
            "crumbs": [(_("作業画面"), reverse("staff:home")), (_("補助金の申請"), None)],
        },
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
                # The city before it settles; the community before it reports (what its report would settle at).
                settlement_figures(application)
                if report_lines and any(o.action.name in ("settle", "report") for o in action_forms) else None
            ),
            "transitions": list(application.transitions.select_related("actor")),
            "reminders": list(reminders_for(application)) if award is not None else [],
            "action_forms": action_forms,
            "unavailable_actions": workflow_views.unavailable_actions(APPLICATION_WORKFLOW, application, request.user),
            "next_step": next_step(
                application.status, head_office=application.community.district.branch_office.is_head_office),
            "is_applicant": request.user.has_perm("grants.prepare_application", application),
            "can_edit": can_edit,
            "can_edit_report": can_edit_report,
            "line_form": ExpenseLineForm(initial={"version": application.version}) if can_edit else None,
            "version_form": VersionForm(initial={"version": application.version}),
            "crumbs": application_crumbs((str(application), None)),
        },
        status=status,
    )


@require_perm("grants.see_application", load=load_application)
def application_detail(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    return _detail_page(request, application)


def _action_view(action: str) -> Any:
    return workflow_views.action_view(
        APPLICATION_WORKFLOW, action, load=load_application, detail_page=_detail_page, detail_url=application_url,
        conflict_page=conflict,
    )


ACTION_VIEWS = {action: _action_view(action) for action in APPLICATION_WORKFLOW.actions}
