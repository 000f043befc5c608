"""Staff pages of meetings: the list, planning and changing one, recording it (actions and timeline), the
opinions heard there, and the city's list of meeting kinds."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.attachments import max_upload_mb
from kyodo.audit.services import record_event
from kyodo.dialogue import meeting_files, meeting_queries, meetings
from kyodo.dialogue.meeting_forms import MeetingForm, MeetingKindForm, MeetingOpinionForm
from kyodo.dialogue.meeting_workflow import MEETING_WORKFLOW
from kyodo.dialogue.models import Meeting, MeetingKind, MeetingStatus
from kyodo.dialogue.views import query_without_page
from kyodo.editing import form_data, form_view
from kyodo.workflows import views as workflow_views

URL_PREFIX = "dialogue_staff:meeting-"


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("会議"), reverse("dialogue_staff:meeting-list")), *more]


@require_perm("dialogue.list_meetings")
def meeting_list(request: HttpRequest) -> HttpResponse:
    filters = meeting_queries.MeetingFilters.of(request.GET)
    page_obj = Paginator(meeting_queries.meeting_list(filters), 30).get_page(request.GET.get("page"))
    return render(request, "dialogue/staff/meeting_list.html", {
        "page_obj": page_obj, "filters": filters, "kinds": MeetingKind.objects.all(),
        "states": MeetingStatus.choices, "may_plan": request.user.has_perm("dialogue.plan_meeting"),
        "query_without_page": query_without_page(request),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("会議"), None)],
    })


@require_perm("dialogue.plan_meeting")
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(form_data(request))
    return form_view(request, form, lambda f: meetings.plan_meeting(actor=request.user, **f.changes()),
                     success_url=lambda meeting: meeting.staff_url, success_message=_("会議を登録しました。"),
                     title=_("会議の登録"), crumbs=crumbs((_("登録"), None)),
                     cancel_url=reverse("dialogue_staff:meeting-list"))


@require_perm("dialogue.manage_meeting", load=meeting_queries.load_meeting)
def meeting_edit(request: HttpRequest, meeting: Meeting, pk: int) -> HttpResponse:
    form = MeetingForm(form_data(request), instance=meeting)
    return form_view(
        request, form,
        lambda f: meetings.update_meeting(meeting, actor=request.user, version=f.seen_version, **f.changes()),
        success_url=meeting.staff_url, success_message=_("会議を変更しました。"), title=_("会議の変更"),
        crumbs=crumbs((meeting.title, meeting.staff_url), (_("変更"), None)), cancel_url=meeting.staff_url,
    )


def _detail_page(request: HttpRequest, meeting: Meeting, *, bound: tuple[str, Any] | None = None,
                 status: int = 200) -> HttpResponse:
    manage = request.user.has_perm("dialogue.manage_meeting", meeting)
    return render(request, "dialogue/staff/meeting_detail.html", {
        "meeting": meeting,
        "opinions": meeting_queries.all_opinions(meeting),
        "may_edit": manage and meeting.status == MeetingStatus.PLANNED,
        "may_add_opinion": manage and meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED),
        "action_forms": workflow_views.action_forms(
            MEETING_WORKFLOW, meeting, request.user, url_prefix=URL_PREFIX, bound=bound,
            initial={"publish_minutes": {"minutes": meeting.minutes}}),
        "transitions": list(meeting.transitions.select_related("actor")),
        "files": meeting_files.staff_files(meeting),
        "may_change_files": meeting_files.may_change(meeting, request.user),
        "minutes_published": meeting.status == MeetingStatus.MINUTES_PUBLISHED,
        "max_upload_mb": max_upload_mb(),
        "crumbs": crumbs((meeting.title, None)),
    }, status=status)


@require_perm("dialogue.list_meetings", load=meeting_queries.load_meeting)
def meeting_detail(request: HttpRequest, meeting: Meeting, pk: int) -> HttpResponse:
    return _detail_page(request, meeting)


def _conflict(request: HttpRequest, meeting: Meeting, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=meeting.staff_url,
                                   back_label=_("会議に戻る"), crumbs=crumbs((_("操作できません"), None)))


def _meeting_url(meeting: Meeting) -> str:
    return meeting.staff_url


ACTION_VIEWS = {
    action: workflow_views.action_view(MEETING_WORKFLOW, action, load=meeting_queries.load_meeting,
                                       detail_page=_detail_page, detail_url=_meeting_url, conflict_page=_conflict)
    for action in MEETING_WORKFLOW.actions
}


@require_perm("dialogue.manage_meeting", load=meeting_queries.load_meeting)
def meeting_opinion_create(request: HttpRequest, meeting: Meeting, pk: int) -> HttpResponse:
    form = MeetingOpinionForm(form_data(request), meeting=meeting)
    return form_view(
        request, form, lambda f: meetings.record_meeting_opinion(meeting, actor=request.user, **f.changes()),
        success_url=lambda opinion: opinion.staff_url, success_message=_("意見を受け付けました。"),
        title=_("会議で出た意見の登録"), crumbs=crumbs((meeting.title, meeting.staff_url), (_("意見の登録"), None)),
        cancel_url=meeting.staff_url, context={"eyebrow": meeting.title},
    )


@require_perm("dialogue.manage_meeting_kinds")
def kind_list(request: HttpRequest) -> HttpResponse:
    from django.db.models import Count

    return render(request, "dialogue/staff/kind_list.html", {
        "kinds": MeetingKind.objects.annotate(used=Count("meetings")),
        "crumbs": crumbs((_("会議の種類"), None)),
    })


def _save_kind(kind: MeetingKind | None, actor: Any, name: str, order: int) -> MeetingKind:
    if not actor.has_perm("dialogue.manage_meeting_kinds"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    kind = kind or MeetingKind()
    kind.name, kind.order = name.strip(), order
    kind.save()
    record_event("meeting_kind.save", actor=actor, target=kind, summary=f"会議の種類「{kind.name}」")
    return kind


@require_perm("dialogue.manage_meeting_kinds")
def kind_create(request: HttpRequest) -> HttpResponse:
    back = reverse("dialogue_staff:kind-list")
    return form_view(request, MeetingKindForm(form_data(request)),
                     lambda f: _save_kind(None, request.user, **f.changes()), success_url=back,
                     success_message=_("種類を追加しました。"), title=_("会議の種類の追加"),
                     crumbs=crumbs((_("会議の種類"), back), (_("追加"), None)), cancel_url=back)


def load_kind(request: HttpRequest, pk: int, **_kwargs: Any) -> MeetingKind:
    return get_object_or_404(MeetingKind, pk=pk)


@require_perm("dialogue.manage_meeting_kinds", load=load_kind)
def kind_edit(request: HttpRequest, kind: MeetingKind, pk: int) -> HttpResponse:
    back = reverse("dialogue_staff:kind-list")
    return form_view(request, MeetingKindForm(form_data(request), instance=kind),
                     lambda f: _save_kind(kind, request.user, **f.changes()), success_url=back,
                     success_message=_("種類を更新しました。"), title=_("会議の種類の編集"),
                     crumbs=crumbs((_("会議の種類"), back), (kind.name, None)), cancel_url=back)
