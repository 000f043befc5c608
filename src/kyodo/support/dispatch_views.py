"""Staff dispatch pages: the requests list, a community's request form, a request with its actions and timeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.editing import form_data, form_view
from kyodo.support import dispatch
from kyodo.support.dispatch_workflow import DISPATCH_WORKFLOW
from kyodo.support.models import DispatchPurpose, DispatchRequest, DispatchStatus
from kyodo.support.scopes import DISPATCH
from kyodo.support.text import no_markup
from kyodo.workflows import views as workflow_views

URL_PREFIX = "support_staff:dispatch-"
PAGE_SIZE = 25


class RequestForm(forms.Form):
    purpose = forms.ChoiceField(label=gettext_lazy("目的"), choices=DispatchPurpose.choices,
                                error_messages={"required": gettext_lazy("目的を選んでください。")})
    preferred_dates = forms.CharField(
        label=gettext_lazy("希望する日時"), max_length=200, validators=[no_markup],
        help_text=gettext_lazy("例: 1月の平日の夜、役員会(第2火曜日 19時)"),
        error_messages={"required": gettext_lazy("希望する日時を入力してください。")},
    )
    notes = forms.CharField(label=gettext_lazy("内容・備考"), required=False, max_length=4000, validators=[no_markup],
                            widget=forms.Textarea(attrs={"rows": 5}))


def _list_url() -> str:
    return reverse("support_staff:dispatch-list")


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("職員派遣の依頼"), _list_url()), *more]


def detail_url(request: DispatchRequest) -> str:
    return reverse("support_staff:dispatch-detail", args=[request.pk])


def load_request(request: HttpRequest, pk: int, **_kwargs: Any) -> DispatchRequest:
    """The request if the user may see it (404 otherwise)."""
    rows = DISPATCH.queryset(request.user).select_related(
        "community__district__branch_office", "requested_by", "assigned_staff", "plan_revision")
    return get_object_or_404(rows, pk=pk)


def _community(request: HttpRequest, slug: str, **_kwargs: Any) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


@require_perm("support.list_dispatch")
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    rows = DISPATCH.queryset(request.user).select_related("community", "assigned_staff")
    if status in DispatchStatus.values:
        rows = rows.filter(status=status)
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "support/dispatch_list.html", {
        "page_obj": page_obj, "status": status, "statuses": DispatchStatus.choices,
        "query_without_page": f"status={status}&" if status else "",
        "own_community": getattr(request.user, "community", None) if getattr(request.user, "is_community_member",
                                                                               False) else None,
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("職員派遣の依頼"), None)],
    })


@require_perm("support.request_dispatch", load=_community)
def request_create(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    form = RequestForm(form_data(request))
    return form_view(
        request, form, lambda form: dispatch.request_dispatch(obj, actor=request.user, **form.cleaned_data),
        success_url=detail_url, success_message=_("職員派遣を依頼しました。"),
        title=_("職員派遣の依頼"), crumbs=_crumbs((_("新しい依頼"), None)), cancel_url=_list_url(),
        context={"intro": _("地域づくり計画の策定・見直しや組織の見直しに、市の職員が伺ってお手伝いします。")},
    )


def _detail_page(request: HttpRequest, obj: DispatchRequest, *, bound: tuple[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    return render(request, "support/dispatch_detail.html", {
        "dispatch": obj,
        "visits": list(obj.visits.select_related("staff")),
        "transitions": list(obj.transitions.select_related("actor")),
        "action_forms": workflow_views.action_forms(DISPATCH_WORKFLOW, obj, request.user, url_prefix=URL_PREFIX,
                                                    bound=bound),
        "crumbs": _crumbs((str(obj), None)),
    }, status=status)


@require_perm("support.see_dispatch", load=load_request)
def request_detail(request: HttpRequest, obj: DispatchRequest, pk: int) -> HttpResponse:
    return _detail_page(request, obj)


def conflict(request: HttpRequest, obj: DispatchRequest, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=detail_url(obj), back_label=_("依頼に戻る"),
                                   crumbs=_crumbs((_("操作できません"), None)))


ACTION_VIEWS = {
    name: workflow_views.action_view(DISPATCH_WORKFLOW, name, load=load_request, detail_page=_detail_page,
                                     detail_url=detail_url, conflict_page=conflict)
    for name in DISPATCH_WORKFLOW.actions
}
