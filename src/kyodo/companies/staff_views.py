"""The companies' pages for their partnerships (write, submit, see the return comment) and their profile; the
city's review (publish, return, withdraw) and its register of companies."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.companies import queries, services
from kyodo.companies.forms import CompanyForm, PartnershipForm, ProfileForm
from kyodo.companies.models import Company, Partnership, PartnershipKind, PartnershipStatus
from kyodo.companies.scopes import contact_company_id
from kyodo.companies.workflow import PARTNERSHIP_WORKFLOW
from kyodo.editing import form_data, form_view
from kyodo.query_params import query_fiscal_year
from kyodo.workflows import views as workflow_views

URL_PREFIX = "companies_staff:partnership-"
PAGE_SIZE = 50


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("企業の参画"), reverse("companies_staff:index")), *more]


def partnership_url(partnership: Partnership) -> str:
    return reverse("companies_staff:partnership", args=[partnership.pk])


def _page(request: HttpRequest, rows: Any) -> tuple[Any, str]:
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page_obj, f"{params.urlencode()}&" if params else ""


@require_perm("companies.list_partnerships")
def index(request: HttpRequest) -> HttpResponse:
    """The partnerships the person works on; for the city, those waiting for review first."""
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    filters = queries.StaffFilters(
        status=status if status in PartnershipStatus.values else "",
        kind=kind if kind in PartnershipKind.values else "",
        year=query_fiscal_year(request),
        community=request.GET.get("community", "").strip()[:60],
        company=request.GET.get("company", "").strip()[:50],
        text=request.GET.get("q", "").strip()[:100],
    )
    page_obj, query_without_page = _page(request, queries.staff_partnerships(request.user, filters))
    company_id = contact_company_id(request.user)
    counts = queries.counts_by_status(request.user)
    return render(request, "companies/staff/index.html", {
        "page_obj": page_obj, "partnerships": page_obj.object_list, "filters": filters,
        "statuses": PartnershipStatus.choices, "kinds": PartnershipKind.choices,
        "years": queries.staff_years(request.user), "communities": queries.staff_communities(request.user),
        "counts": [(value, label, counts.get(value, 0)) for value, label in PartnershipStatus.choices],
        "query_without_page": query_without_page,
        "own_company": Company.objects.filter(pk=company_id).first() if company_id else None,
        "can_create": request.user.has_perm("companies.create_partnership"),
        "can_manage": request.user.has_perm("companies.manage_companies"),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("企業の参画"), None)],
    })


@require_perm("companies.create_partnership")
def partnership_create(request: HttpRequest) -> HttpResponse:
    form = PartnershipForm(form_data(request))
    return form_view(
        request, form, lambda f: services.create_partnership(actor=request.user, **f.changes()),
        success_url=partnership_url,
        success_message=_("下書きを作成しました。内容を確かめてから市に提出してください。"),
        title=_("取組を登録する"), crumbs=crumbs((_("取組を登録する"), None)),
        cancel_url=reverse("companies_staff:index"),
    )


@require_perm("companies.edit_partnership", load=queries.staff_partnership)
def partnership_edit(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    form = PartnershipForm(form_data(request), instance=partnership)
    return form_view(
        request, form,
        lambda f: services.update_partnership(partnership, actor=request.user, version=f.seen_version,
                                              **f.changes()),
        success_url=partnership_url, success_message=_("保存しました。"), title=_("取組を編集"),
        crumbs=crumbs((partnership.title, partnership_url(partnership)), (_("編集"), None)),
        cancel_url=partnership_url(partnership),
    )


def detail_page(request: HttpRequest, partnership: Partnership, *, bound: tuple[str, Any] | None = None,
                status: int = 200) -> HttpResponse:
    transitions = list(partnership.transitions.select_related("actor"))
    returned = [step for step in transitions if step.action == "return"]
    return render(request, "companies/staff/partnership.html", {
        "partnership": partnership,
        "may_edit": (request.user.has_perm("companies.edit_partnership", partnership)
                     and partnership.status in services.EDITABLE),
        "is_public": partnership.status == PartnershipStatus.PUBLISHED and partnership.company.is_listed,
        "return_comment": returned[-1] if returned and partnership.status == PartnershipStatus.RETURNED else None,
        "action_forms": workflow_views.action_forms(PARTNERSHIP_WORKFLOW, partnership, request.user,
                                                    url_prefix=URL_PREFIX, bound=bound),
        "unavailable_actions": workflow_views.unavailable_actions(PARTNERSHIP_WORKFLOW, partnership, request.user),
        "transitions": transitions, "created_at": partnership.created_at, "created_by": partnership.created_by,
        "crumbs": crumbs((partnership.title, None)),
    }, status=status)


@require_perm("companies.see_partnership", load=queries.staff_partnership)
def partnership(request: HttpRequest, partnership: Partnership, pk: int) -> HttpResponse:
    return detail_page(request, partnership)


def conflict(request: HttpRequest, partnership: Partnership, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=partnership_url(partnership),
                                   back_label=_("取組に戻る"), crumbs=crumbs((_("操作できません"), None)))


ACTION_VIEWS = {
    name: workflow_views.action_view(PARTNERSHIP_WORKFLOW, name, load=queries.staff_partnership,
                                     detail_page=detail_page, detail_url=partnership_url, conflict_page=conflict)
    for name in PARTNERSHIP_WORKFLOW.actions
}


@require_perm("companies.manage_companies")
def company_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    page_obj, query_without_page = _page(request, queries.staff_companies(request.user, text=text))
    return render(request, "companies/staff/company_list.html", {
        "page_obj": page_obj, "companies": page_obj.object_list, "text": text,
        "query_without_page": query_without_page,
        "crumbs": crumbs((_("企業の一覧"), None)),
    })


@require_perm("companies.manage_companies")
def company_create(request: HttpRequest) -> HttpResponse:
    form = CompanyForm(form_data(request))
    return form_view(
        request, form, lambda f: services.register_company(actor=request.user, **f.changes()),
        success_url=reverse("companies_staff:company-list"),
        success_message=lambda company: _("「%(name)s」を登録しました。") % {"name": company.name},
        title=_("企業を登録する"),
        crumbs=crumbs((_("企業の一覧"), reverse("companies_staff:company-list")), (_("企業を登録する"), None)),
        cancel_url=reverse("companies_staff:company-list"),
    )


@require_perm("companies.edit_company", load=queries.staff_company)
def company_edit(request: HttpRequest, company: Company, slug: str) -> HttpResponse:
    city = request.user.has_perm("companies.manage_companies")
    form_class = CompanyForm if city else ProfileForm
    form = form_class(form_data(request), instance=company)
    back = reverse("companies_staff:company-list") if city else reverse("companies_staff:index")
    return form_view(
        request, form,
        lambda f: services.update_company(company, actor=request.user, version=f.seen_version, **f.changes()),
        success_url=back, success_message=_("企業の情報を保存しました。"),
        title=_("「%(name)s」の情報を編集") % {"name": company.name},
        crumbs=crumbs((company.name, None), (_("編集"), None)), cancel_url=back,
    )
