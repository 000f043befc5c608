"""Staff pages: the communities in the user's scope, editing them, and the city's structure."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.communities import forms, queries, services
from kyodo.communities.models import BranchOffice, Community, CommunityPlan, District, DistrictFigure
from kyodo.communities.views import PAGE_SIZE, directory_filters, query_without_page
from kyodo.editing import confirm_delete_view, form_data, form_view
from kyodo.panels import panels_for

VIEW = "communities.view_community_internal"
CHANGE = "communities.edit_community"
STRUCTURE = "communities.manage_structure"


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


def _index_crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("地域協働体の管理"), reverse("communities_staff:index")), *more]


def _community_crumbs(community: Community, label: str) -> list[tuple[str, str | None]]:
    return _index_crumbs((community.name, reverse("communities_staff:community", args=[community.slug])), (label, None))


# Communities in scope ------------------------------------------------------------------------


@require_perm("communities.list_communities_in_scope")
def index(request: HttpRequest) -> HttpResponse:
    filters = directory_filters(request)
    communities = queries.public_directory(**filters).filter(pk__in=queries.communities_in_scope(request.user))
    page_obj = Paginator(communities, PAGE_SIZE).get_page(request.GET.get("page"))
    # Advisors follow every community but only see what is public: link them to the public page.
    internal_ids = set(
        queries.internally_viewable(request.user)
        .filter(pk__in=[community.pk for community in page_obj.object_list])
        .values_list("pk", flat=True)
    )
    return render(request, "communities/staff/index.html", {
        "page_obj": page_obj,
        "internal_ids": internal_ids,
        "communities": page_obj.object_list,
        "filters": filters,
        "branch_offices": queries.branch_offices(),
        "statuses": Community.Status.choices,
        "query_without_page": query_without_page(request),
        "can_manage_structure": request.user.has_perm(STRUCTURE),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("地域協働体の管理"), None)],
    })


@require_perm(VIEW, load=_community)
def community(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    profile = queries.community_profile(obj.slug)
    age_bands, sixty_and_over = queries.age_band_summary(profile.officers)
    plans = list(obj.plans.all())
    return render(request, "communities/staff/community.html", {
        "profile": profile,
        "community": profile.community,
        "plan": profile.plan,
        "plans": plans,
        "age_bands": age_bands,
        "officers_sixty_and_over": sixty_and_over,
        "can_edit": request.user.has_perm(CHANGE, obj),
        "status_transitions": list(obj.status_transitions.select_related("actor")),
        "panels": panels_for("community_staff", request, obj),
        "crumbs": _index_crumbs((obj.name, None)),
    })


@require_perm(CHANGE, load=_community)
def community_edit(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    form_class = (
        forms.CommunityStandingForm if request.user.has_perm("communities.change_community_standing", obj)
        else forms.CommunityProfileForm
    )
    form = form_class(form_data(request), instance=obj)

    def save(form: Any) -> Community:
        # The service assigns to the row it is given: a copy, so a refusal leaves the page's object as loaded.
        fresh = Community.objects.select_related("district").get(pk=obj.pk)
        return services.update_community(fresh, actor=request.user, version=form.seen_version, **form.changes())

    return form_view(
        request, form, save, success_url=reverse("communities_staff:community", args=[obj.slug]),
        success_message=_("地域協働体の情報を保存しました。"), title=_("地域協働体の情報の編集"),
        crumbs=_community_crumbs(obj, _("情報の編集")),
        cancel_url=reverse("communities_staff:community", args=[obj.slug]),
    )


# Officers and member organisations -----------------------------------------------------------


def _overview(community: Community) -> str:
    return reverse("communities_staff:community", args=[community.slug])


@require_perm(CHANGE, load=_community)
def officer_create(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    form = forms.OfficerForm(form_data(request))
    return form_view(
        request, form, lambda form: services.create_officer(obj, actor=request.user, **form.changes()),
        success_url=_overview(obj) + "#officers", success_message=_("役員を追加しました。"),
        title=_("役員の追加"), crumbs=_community_crumbs(obj, _("役員の追加")), cancel_url=_overview(obj),
    )


@require_perm(CHANGE, load=_community)
def officer_edit(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    officer = get_object_or_404(obj.officers, pk=pk)
    form = forms.OfficerForm(form_data(request), instance=officer)
    return form_view(
        request, form, lambda form: services.update_officer(officer, actor=request.user, **form.changes()),
        success_url=_overview(obj) + "#officers", success_message=_("役員を保存しました。"),
        title=_("役員の編集"), crumbs=_community_crumbs(obj, _("役員の編集")), cancel_url=_overview(obj),
    )


@require_perm(CHANGE, load=_community)
def officer_delete(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    officer = get_object_or_404(obj.officers, pk=pk)
    return confirm_delete_view(
        request, lambda: services.delete_officer(officer, actor=request.user),
        label=f"{officer.get_position_display()} {officer.name}", success_url=_overview(obj) + "#officers",
        crumbs=_community_crumbs(obj, _("役員の削除")),
    )


@require_perm(CHANGE, load=_community)
def member_create(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    form = forms.MemberOrganizationForm(form_data(request), community=obj)
    return form_view(
        request, form,
        lambda form: services.create_member_organization(obj, actor=request.user, **form.changes()),
        success_url=_overview(obj) + "#members", success_message=_("構成団体を追加しました。"),
        title=_("構成団体の追加"), crumbs=_community_crumbs(obj, _("構成団体の追加")), cancel_url=_overview(obj),
    )


@require_perm(CHANGE, load=_community)
def member_edit(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    organization = get_object_or_404(obj.member_organizations, pk=pk)
    form = forms.MemberOrganizationForm(form_data(request), instance=organization, community=obj)
    return form_view(
        request, form,
        lambda form: services.update_member_organization(organization, actor=request.user, **form.changes()),
        success_url=_overview(obj) + "#members", success_message=_("構成団体を保存しました。"),
        title=_("構成団体の編集"), crumbs=_community_crumbs(obj, _("構成団体の編集")), cancel_url=_overview(obj),
    )


@require_perm(CHANGE, load=_community)
def member_delete(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    organization = get_object_or_404(obj.member_organizations, pk=pk)
    return confirm_delete_view(
        request, lambda: services.delete_member_organization(organization, actor=request.user),
        label=organization.name, success_url=_overview(obj) + "#members",
        crumbs=_community_crumbs(obj, _("構成団体の削除")),
    )


# Community plan ------------------------------------------------------------------------------


def _plan_url(community: Community, plan: CommunityPlan) -> str:
    return reverse("communities_staff:plan", args=[community.slug, plan.pk])


def _plan_crumbs(community: Community, plan: CommunityPlan, label: str) -> list[tuple[str, str | None]]:
    return _index_crumbs(
        (community.name, _overview(community)), (plan.title, _plan_url(community, plan)), (label, None)
    )


def _plan_of(community: Community, pk: int) -> CommunityPlan:
    plan = get_object_or_404(community.plans, pk=pk)
    plan.community = community
    return plan


@require_perm(CHANGE, load=_community)
def plan_create(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    form = forms.CommunityPlanForm(form_data(request))
    return form_view(
        request, form, lambda form: services.create_community_plan(obj, actor=request.user, **form.changes()),
        success_url=lambda plan: _plan_url(obj, plan), success_message=_("地域づくり計画を登録しました。"),
        title=_("地域づくり計画の登録"), crumbs=_community_crumbs(obj, _("地域づくり計画の登録")),
        cancel_url=_overview(obj),
    )


@require_perm(VIEW, load=_community)
def plan(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    full_plan = queries.plan_with_contents(community_plan.pk)
    return render(request, "communities/staff/plan.html", {
        "community": obj,
        "plan": full_plan,
        "plan_years": queries.initiatives_by_year(full_plan),
        "can_edit": request.user.has_perm(CHANGE, obj),
        "crumbs": _index_crumbs((obj.name, _overview(obj)), (community_plan.title, None)),
    })


@require_perm(CHANGE, load=_community)
def plan_edit(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    form = forms.CommunityPlanForm(form_data(request), instance=community_plan)
    return form_view(
        request, form,
        lambda form: services.update_community_plan(
            community_plan, actor=request.user, version=form.seen_version, **form.changes()
        ),
        success_url=_plan_url(obj, community_plan),
        success_message=_("地域づくり計画を保存しました。"), title=_("地域づくり計画の編集"),
        crumbs=_plan_crumbs(obj, community_plan, _("編集")), cancel_url=_plan_url(obj, community_plan),
    )


@require_perm(CHANGE, load=_community)
def goal_create(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    form = forms.PlanGoalForm(form_data(request), initial={"order": community_plan.goals.count() + 1})
    return form_view(
        request, form,
        lambda form: services.create_plan_goal(community_plan, actor=request.user, **form.changes()),
        success_url=_plan_url(obj, community_plan), success_message=_("目標を追加しました。"),
        title=_("目標の追加"), crumbs=_plan_crumbs(obj, community_plan, _("目標の追加")),
        cancel_url=_plan_url(obj, community_plan),
    )


@require_perm(CHANGE, load=_community)
def goal_edit(request: HttpRequest, obj: Community, slug: str, pk: int, goal_pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    goal = get_object_or_404(community_plan.goals, pk=goal_pk)
    form = forms.PlanGoalForm(form_data(request), instance=goal)
    return form_view(
        request, form, lambda form: services.update_plan_goal(goal, actor=request.user, **form.changes()),
        success_url=_plan_url(obj, community_plan), success_message=_("目標を保存しました。"),
        title=_("目標の編集"), crumbs=_plan_crumbs(obj, community_plan, _("目標の編集")),
        cancel_url=_plan_url(obj, community_plan),
    )


@require_perm(CHANGE, load=_community)
def goal_delete(request: HttpRequest, obj: Community, slug: str, pk: int, goal_pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    goal = get_object_or_404(community_plan.goals, pk=goal_pk)
    return confirm_delete_view(
        request, lambda: services.delete_plan_goal(goal, actor=request.user), label=goal.title,
        consequence=_("この目標の取組は削除されず、「目標なし」の取組になります。"),
        success_url=_plan_url(obj, community_plan), crumbs=_plan_crumbs(obj, community_plan, _("目標の削除")),
    )


@require_perm(CHANGE, load=_community)
def initiative_create(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    form = forms.PlanInitiativeForm(form_data(request), plan=community_plan)
    return form_view(
        request, form,
        lambda form: services.create_plan_initiative(community_plan, actor=request.user, **form.changes()),
        success_url=_plan_url(obj, community_plan), success_message=_("取組を追加しました。"),
        title=_("取組の追加"), crumbs=_plan_crumbs(obj, community_plan, _("取組の追加")),
        cancel_url=_plan_url(obj, community_plan),
    )


@require_perm(CHANGE, load=_community)
def initiative_edit(request: HttpRequest, obj: Community, slug: str, pk: int, initiative_pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    initiative = get_object_or_404(community_plan.initiatives, pk=initiative_pk)
    form = forms.PlanInitiativeForm(form_data(request), instance=initiative, plan=community_plan)
    return form_view(
        request, form,
        lambda form: services.update_plan_initiative(initiative, actor=request.user, **form.changes()),
        success_url=_plan_url(obj, community_plan), success_message=_("取組を保存しました。"),
        title=_("取組の編集"), crumbs=_plan_crumbs(obj, community_plan, _("取組の編集")),
        cancel_url=_plan_url(obj, community_plan),
    )


@require_perm(CHANGE, load=_community)
def initiative_delete(request: HttpRequest, obj: Community, slug: str, pk: int, initiative_pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    initiative = get_object_or_404(community_plan.initiatives, pk=initiative_pk)
    return confirm_delete_view(
        request, lambda: services.delete_plan_initiative(initiative, actor=request.user),
        label=initiative.title, success_url=_plan_url(obj, community_plan),
        crumbs=_plan_crumbs(obj, community_plan, _("取組の削除")),
    )


@require_perm(CHANGE, load=_community)
def revision_create(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    community_plan = _plan_of(obj, pk)
    form = forms.PlanRevisionForm(form_data(request))
    return form_view(
        request, form,
        lambda form: services.record_plan_revision(community_plan, actor=request.user, **form.changes()),
        success_url=_plan_url(obj, community_plan), success_message=_("見直しを記録しました。"),
        title=_("計画の見直しの記録"), crumbs=_plan_crumbs(obj, community_plan, _("見直しの記録")),
        cancel_url=_plan_url(obj, community_plan),
    )


# Structure (city administrators) --------------------------------------------------------------


def _structure_crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), *more]


@require_perm(STRUCTURE)
def branch_list(request: HttpRequest) -> HttpResponse:
    offices = BranchOffice.objects.all()
    return render(request, "communities/staff/branch_list.html", {
        "branch_offices": offices, "crumbs": _structure_crumbs((_("支所"), None)),
    })


@require_perm(STRUCTURE)
def branch_create(request: HttpRequest) -> HttpResponse:
    form = forms.BranchOfficeForm(form_data(request))
    list_url = reverse("communities_staff:branch-list")
    return form_view(
        request, form, lambda form: services.create_branch_office(actor=request.user, **form.changes()),
        success_url=list_url, success_message=_("支所を追加しました。"), title=_("支所の追加"),
        crumbs=_structure_crumbs((_("支所"), list_url), (_("追加"), None)), cancel_url=list_url,
    )


def _branch(request: HttpRequest, branch: str, **kwargs: Any) -> BranchOffice:
    return get_object_or_404(BranchOffice, slug=branch)


@require_perm(STRUCTURE)
def branch_edit(request: HttpRequest, branch: str) -> HttpResponse:
    office = _branch(request, branch)
    form = forms.BranchOfficeForm(form_data(request), instance=office)
    list_url = reverse("communities_staff:branch-list")
    return form_view(
        request, form, lambda form: services.update_branch_office(office, actor=request.user, **form.changes()),
        success_url=list_url, success_message=_("支所を保存しました。"), title=_("支所の編集"),
        crumbs=_structure_crumbs((_("支所"), list_url), (office.name, None)), cancel_url=list_url,
    )


@require_perm(STRUCTURE)
def district_list(request: HttpRequest) -> HttpResponse:
    return render(request, "communities/staff/district_list.html", {
        "districts": queries.districts_with_latest_figure(),
        "crumbs": _structure_crumbs((_("地区と人口・世帯数"), None)),
    })


@require_perm(STRUCTURE)
def district_create(request: HttpRequest) -> HttpResponse:
    form = forms.DistrictForm(form_data(request))
    list_url = reverse("communities_staff:district-list")
    return form_view(
        request, form, lambda form: services.create_district(actor=request.user, **form.changes()),
        success_url=list_url, success_message=_("地区を追加しました。"), title=_("地区の追加"),
        crumbs=_structure_crumbs((_("地区と人口・世帯数"), list_url), (_("追加"), None)), cancel_url=list_url,
    )


@require_perm(STRUCTURE)
def district_edit(request: HttpRequest, pk: int) -> HttpResponse:
    district = get_object_or_404(District.objects.select_related("branch_office"), pk=pk)
    form = forms.DistrictForm(form_data(request), instance=district)
    list_url = reverse("communities_staff:district-list")
    return form_view(
        request, form, lambda form: services.update_district(district, actor=request.user, **form.changes()),
        success_url=list_url, success_message=_("地区を保存しました。"), title=_("地区の編集"),
        crumbs=_structure_crumbs((_("地区と人口・世帯数"), list_url), (district.name, None)), cancel_url=list_url,
        template="communities/staff/district_edit.html",
        context={"district": district, "figures": district.figures.order_by("-fiscal_year")},
    )


@require_perm(STRUCTURE)
def district_figure_create(request: HttpRequest, pk: int) -> HttpResponse:
    district = get_object_or_404(District, pk=pk)
    form = forms.DistrictFigureForm(form_data(request), district=district)
    edit_url = reverse("communities_staff:district-edit", args=[district.pk])

    def save(form: Any) -> Any:
        try:
            return services.create_district_figure(district, actor=request.user, **form.changes())
        except services.DuplicateFigure as error:  # recorded since the form checked: say it at the year
            raise ValidationError({"fiscal_year": error.message}) from error

    return form_view(
        request, form, save, success_url=edit_url, success_message=_("人口・世帯数を登録しました。"),
        title=_("%(name)sの人口・世帯数の登録") % {"name": district.name},
        crumbs=_structure_crumbs((_("地区と人口・世帯数"), reverse("communities_staff:district-list")),
                                 (district.name, edit_url), (_("人口・世帯数の登録"), None)),
        cancel_url=edit_url,
    )


@require_perm(STRUCTURE)
def district_figure_edit(request: HttpRequest, pk: int, fiscal_year: int) -> HttpResponse:
    district = get_object_or_404(District, pk=pk)
    figure = get_object_or_404(DistrictFigure, district=district, fiscal_year=fiscal_year)
    form = forms.DistrictFigureForm(form_data(request), instance=figure, district=district)
    edit_url = reverse("communities_staff:district-edit", args=[district.pk])
    return form_view(
        request, form,
        lambda form: services.update_district_figure(figure, actor=request.user, **form.changes()),
        success_url=edit_url, success_message=_("人口・世帯数を保存しました。"),
        title=_("%(name)s %(year)sの人口・世帯数") % {"name": district.name, "year": figure.fiscal_year_obj.label},
        crumbs=_structure_crumbs((_("地区と人口・世帯数"), reverse("communities_staff:district-list")),
                                 (district.name, edit_url), (figure.fiscal_year_obj.label, None)),
        cancel_url=edit_url,
    )
