"""Staff pages: the opinion queue, recording an opinion, an opinion with its actions and timeline,
the city's overview with its export, and the list of categories."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.dialogue import categories, opinions, overview, queries
from kyodo.dialogue.forms import CategoryForm, OpinionForm
from kyodo.dialogue.models import Opinion, OpinionCategory, OpinionStatus
from kyodo.dialogue.outcomes import outcome_summary
from kyodo.dialogue.views import query_without_page
from kyodo.dialogue.workflow import OPINION_WORKFLOW, WAITING_FOR_DEPARTMENT
from kyodo.downloads import download, xlsx_response
from kyodo.editing import form_data, form_view
from kyodo.plans.models import Department
from kyodo.workflows import views as workflow_views

URL_PREFIX = "dialogue_staff:opinion-"
PAGE_SIZE = 30


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("意見と回答"), reverse("dialogue_staff:opinion-list")), *more]


def _own_community(user: Any) -> Community | None:
    return user.community if user.is_community_member else None


@require_perm("dialogue.list_opinions")
def opinion_list(request: HttpRequest) -> HttpResponse:
    filters = queries.StaffFilters.of(request.GET)
    page_obj = Paginator(queries.staff_queue(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = queries.status_counts(request.user)
    return render(request, "dialogue/staff/opinion_list.html", {
        "page_obj": page_obj,
        "filters": filters,
        "today": timezone.localdate(),
        "waiting_states": WAITING_FOR_DEPARTMENT,
        "states": [(value, label, counts.get(value, 0)) for value, label in OpinionStatus.choices],
        "total": sum(counts.values()),
        "departments": Department.objects.order_by("order", "name"),
        "own_community": _own_community(request.user),
        "query_without_page": query_without_page(request),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("意見と回答"), None)],
    })


def load_community(request: HttpRequest, slug: str, **_kwargs: Any) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


@require_perm("dialogue.record_opinion", load=load_community)
def opinion_create(request: HttpRequest, community: Community, slug: str) -> HttpResponse:
    form = OpinionForm(form_data(request), community=community)
    return form_view(
        request, form, lambda f: opinions.record_opinion(community, actor=request.user, **f.changes()),
        success_url=lambda opinion: opinion.staff_url, success_message=_("意見を受け付けました。"),
        title=_("意見・要望・提案の受付"), crumbs=crumbs((_("意見の受付"), None)),
        cancel_url=reverse("dialogue_staff:opinion-list"), context={"eyebrow": community.name},
    )


def _detail_page(request: HttpRequest, opinion: Opinion, *, bound: tuple[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    action_forms = workflow_views.action_forms(OPINION_WORKFLOW, opinion, request.user, url_prefix=URL_PREFIX,
                                               bound=bound)
    today = timezone.localdate()
    return render(request, "dialogue/staff/opinion_detail.html", {
        "opinion": opinion,
        "outcome": outcome_summary(opinion),
        "overdue": opinion.status in WAITING_FOR_DEPARTMENT and opinion.due_on is not None and opinion.due_on < today,
        "transitions": queries.timeline(opinion),
        "created_at": opinion.created_at,
        "action_forms": action_forms,
        "crumbs": crumbs((opinion.title, None)),
    }, status=status)


@require_perm("dialogue.see_opinion", load=queries.load_opinion)
def opinion_detail(request: HttpRequest, opinion: Opinion, pk: int) -> HttpResponse:
    return _detail_page(request, opinion)


def _opinion_url(opinion: Opinion) -> str:
    return opinion.staff_url


def _conflict(request: HttpRequest, opinion: Opinion, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=opinion.staff_url,
                                   back_label=_("意見に戻る"), crumbs=crumbs((_("操作できません"), None)))


def _action_view(action: str) -> Any:
    return workflow_views.action_view(OPINION_WORKFLOW, action, load=queries.load_opinion, detail_page=_detail_page,
                                      detail_url=_opinion_url, conflict_page=_conflict)


ACTION_VIEWS = {action: _action_view(action) for action in OPINION_WORKFLOW.actions}


@require_perm("dialogue.view_overview")
def overview_page(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/staff/overview.html", overview.overview() | {
        "crumbs": crumbs((_("集計"), None)),
    })


@download
@require_perm("dialogue.view_overview")
def overview_export(request: HttpRequest) -> HttpResponseBase:
    today = timezone.localdate()
    return xlsx_response(overview.export_rows(), filename=f"意見と回答_{today.isoformat()}.xlsx",
                         header=overview.EXPORT_HEADER, sheet_title="意見と回答",
                         fallback=f"opinions_{today.isoformat()}.xlsx")


@require_perm("dialogue.manage_categories")
def category_list(request: HttpRequest) -> HttpResponse:
    from django.db.models import Count

    return render(request, "dialogue/staff/category_list.html", {
        "categories": OpinionCategory.objects.annotate(used=Count("opinions")),
        "crumbs": crumbs((_("意見の分類"), None)),
    })


@require_perm("dialogue.manage_categories")
def category_create(request: HttpRequest) -> HttpResponse:
    form = CategoryForm(form_data(request))
    back = reverse("dialogue_staff:category-list")
    return form_view(request, form, lambda f: categories.create_category(actor=request.user, **f.changes()),
                     success_url=back, success_message=_("分類を追加しました。"), title=_("分類の追加"),
                     crumbs=crumbs((_("意見の分類"), back), (_("追加"), None)), cancel_url=back)


def load_category(request: HttpRequest, pk: int, **_kwargs: Any) -> OpinionCategory:
    return get_object_or_404(OpinionCategory, pk=pk)


@require_perm("dialogue.manage_categories", load=load_category)
def category_edit(request: HttpRequest, category: OpinionCategory, pk: int) -> HttpResponse:
    form = CategoryForm(form_data(request), instance=category)
    back = reverse("dialogue_staff:category-list")
    return form_view(request, form, lambda f: categories.update_category(category, actor=request.user, **f.changes()),
                     success_url=back, success_message=_("分類を更新しました。"), title=_("分類の編集"),
                     crumbs=crumbs((_("意見の分類"), back), (category.name, None)), cancel_url=back)
