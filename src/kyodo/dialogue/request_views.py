"""Staff pages of meeting requests: the list (scoped), a community's request form, a request with its actions."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.dialogue import requests
from kyodo.dialogue.models import MeetingRequest, MeetingRequestStatus
from kyodo.dialogue.scopes import MEETING_REQUESTS
from kyodo.dialogue.views import query_without_page
from kyodo.editing import form_data, form_view
from kyodo.workflows import views as workflow_views

URL_PREFIX = "dialogue_staff:request-"


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("会議の開催申込み"), reverse("dialogue_staff:request-list")),
            *more]


@require_perm("dialogue.list_meeting_requests")
def request_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    rows = MEETING_REQUESTS.queryset(request.user).select_related("community__district", "kind", "meeting")
    if status in MeetingRequestStatus.values:
        rows = rows.filter(status=status)
    page_obj = Paginator(rows.order_by("-created_at", "-pk"), 30).get_page(request.GET.get("page"))
    user: Any = request.user
    return render(request, "dialogue/staff/request_list.html", {
        "page_obj": page_obj, "status": status, "states": MeetingRequestStatus.choices,
        "own_community": user.community if user.is_community_member else None,
        "staff_meetings": user.has_perm("dialogue.list_meetings"),
        "query_without_page": query_without_page(request),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("会議の開催申込み"), None)],
    })


def load_community(request: HttpRequest, slug: str, **_kwargs: Any) -> Community:
    return get_object_or_404(Community.objects.select_related("district"), slug=slug)


@require_perm("dialogue.request_meeting", load=load_community)
def request_create(request: HttpRequest, community: Community, slug: str) -> HttpResponse:
    form = requests.RequestForm(form_data(request))
    return form_view(request, form, lambda f: requests.request_meeting(community, actor=request.user, **f.changes()),
                     success_url=lambda made: made.staff_url, success_message=_("会議の開催を申し込みました。"),
                     title=_("会議の開催の申込み"), crumbs=crumbs((_("申込み"), None)),
                     cancel_url=reverse("dialogue_staff:request-list"), context={"eyebrow": community.name})


def load_request(request: HttpRequest, pk: int, **_kwargs: Any) -> MeetingRequest:
    return get_object_or_404(MeetingRequest.objects.select_related("community__district", "kind", "meeting",
                                                                   "requested_by"), pk=pk)


def _detail_page(request: HttpRequest, meeting_request: MeetingRequest, *, bound: tuple[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    return render(request, "dialogue/staff/request_detail.html", {
        "meeting_request": meeting_request,
        "staff_meetings": request.user.has_perm("dialogue.list_meetings"),
        "action_forms": workflow_views.action_forms(requests.REQUEST_WORKFLOW, meeting_request, request.user,
                                                    url_prefix=URL_PREFIX, bound=bound),
        "transitions": list(meeting_request.transitions.select_related("actor")),
        "crumbs": crumbs((str(meeting_request), None)),
    }, status=status)


@require_perm("dialogue.see_meeting_request", load=load_request)
def request_detail(request: HttpRequest, meeting_request: MeetingRequest, pk: int) -> HttpResponse:
    return _detail_page(request, meeting_request)


def _conflict(request: HttpRequest, meeting_request: MeetingRequest, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=meeting_request.staff_url,
                                   back_label=_("申込みに戻る"), crumbs=crumbs((_("操作できません"), None)))


def _request_url(meeting_request: MeetingRequest) -> str:
    return meeting_request.staff_url


ACTION_VIEWS = {
    action: workflow_views.action_view(requests.REQUEST_WORKFLOW, action, load=load_request, detail_page=_detail_page,
                                       detail_url=_request_url, conflict_page=_conflict)
    for action in requests.REQUEST_WORKFLOW.actions
}
