"""Organisers' pages: their events, creating and editing one, its participants, phone/paper registrations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.audit.services import record_event
from kyodo.editing import form_data, form_view
from kyodo.events import notifications, queries, registering, services
from kyodo.events.forms import EventForm, EventKindForm, StaffRegistrationForm
from kyodo.events.models import Event, EventKind, EventStatus, Organiser, Registration
from kyodo.events.publishing import EVENT_WORKFLOW
from kyodo.panels import panels_for
from kyodo.workflows import views as workflow_views

MANAGE = "events.manage_event"
URL_PREFIX = "events_staff:event-"
PAGE_SIZE = 50


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("研修会・交流会の管理"), reverse("events_staff:index")), *more]


def event_url(event: Event) -> str:
    return reverse("events_staff:event", args=[event.pk])


def _event_crumbs(event: Event, label: str) -> list[tuple[str, str | None]]:
    return crumbs((event.title, event_url(event)), (label, None))


@require_perm("events.list_events")
def index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in EventStatus.values else ""
    text = request.GET.get("q", "").strip()[:100]
    page_obj = Paginator(queries.organised_events(request.user, status=status, text=text), PAGE_SIZE).get_page(
        request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "events/staff/index.html", {
        "page_obj": page_obj, "events": page_obj.object_list, "status": status, "text": text,
        "statuses": EventStatus.choices, "query_without_page": f"{params.urlencode()}&" if params else "",
        "can_create": request.user.has_perm("events.create_event"),
        "can_manage_kinds": request.user.has_perm("events.manage_kinds"),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("研修会・交流会の管理"), None)],
    })


def _organiser_initial(user: Any) -> dict[str, Any]:
    if getattr(user, "is_community_member", False):
        return {"organiser": Organiser.COMMUNITY, "organiser_community": user.community_id}
    if user.role == "branch_staff":
        return {"organiser": Organiser.BRANCH, "organiser_branch": user.branch_office_id}
    if user.role == "advisor":
        return {"organiser": Organiser.CENTRE}
    return {"organiser": Organiser.CITY}


@require_perm("events.create_event")
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(form_data(request), initial=_organiser_initial(request.user))
    return form_view(
        request, form, lambda f: services.create_event(actor=request.user, **f.changes()),
        success_url=event_url, success_message=_("下書きを作成しました。内容を確かめてから公開してください。"),
        title=_("催しを登録"), crumbs=crumbs((_("催しを登録"), None)), cancel_url=reverse("events_staff:index"),
    )


@require_perm(MANAGE, load=queries.managed_event)
def event_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    form = EventForm(form_data(request), instance=event)
    return form_view(
        request, form,
        lambda f: services.update_event(event, actor=request.user, version=f.seen_version, **f.changes()),
        success_url=event_url, success_message=_("保存しました。"), title=_("催しを編集"),
        crumbs=_event_crumbs(event, _("編集")), cancel_url=event_url(event),
    )


def detail_page(
    request: HttpRequest, event: Event, *, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The organiser's page of an event: its state, its steps, and who registered (each view is logged)."""
    registrations = queries.registrations(event)
    with transaction.atomic():
        record_event("event.participants_viewed", actor=request.user, target=event, summary=event.title,
                     data={"count": len(registrations)})
    return render(request, "events/staff/event.html", {
        "event": event,
        "registrations": registrations,
        "action_forms": workflow_views.action_forms(EVENT_WORKFLOW, event, request.user, url_prefix=URL_PREFIX,
                                                    bound=bound),
        "transitions": list(event.transitions.select_related("actor")),
        "created_at": event.created_at, "created_by": event.created_by,
        "panels": panels_for("event_staff", request, event),
        "crumbs": crumbs((event.title, None)),
    }, status=status)


@require_perm(MANAGE, load=queries.managed_event)
def event(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return detail_page(request, event)


def conflict(request: HttpRequest, event: Event, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=event_url(event), back_label=_("催しに戻る"),
                                   crumbs=crumbs((_("操作できません"), None)))


ACTION_VIEWS = {
    name: workflow_views.action_view(EVENT_WORKFLOW, name, load=queries.managed_event, detail_page=detail_page,
                                     detail_url=event_url, conflict_page=conflict)
    for name in EVENT_WORKFLOW.actions
}


@require_perm(MANAGE, load=queries.managed_event)
def staff_register(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """An organiser enters someone who phoned or handed in a paper form."""
    form = StaffRegistrationForm(form_data(request))

    def save(f: Any) -> Registration:
        return registering.register(event, actor=request.user, **f.cleaned_data)

    def done(registration: Registration) -> str:
        return _("%(name)sさんを登録しました(%(status)s)。") % {
            "name": registration.name, "status": registration.get_status_display()}

    return form_view(
        request, form, save, success_url=event_url(event), success_message=done,
        title=_("電話・申込書での申込みを登録"), crumbs=_event_crumbs(event, _("申込みを登録")),
        cancel_url=event_url(event), context={"submit_label": _("登録する")},
    )


def _registration(request: HttpRequest, pk: int, registration_pk: int, **_kwargs: Any) -> Registration:
    registration: Registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_pk, event_id=pk
    )
    return registration


@require_perm("events.see_registration", load=_registration)
@require_POST
def registration_cancel(
    request: HttpRequest, registration: Registration, pk: int, registration_pk: int
) -> HttpResponse:
    try:
        promoted = registering.cancel(registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event_url(registration.event))
    for person in promoted:
        notifications.mail_after_commit(person, "promoted", request.build_absolute_uri(
            reverse("events:registered", args=[person.token])))
    message = _("%(name)sさんの申込みを取り消しました。") % {"name": registration.name}
    if promoted:
        message += _("キャンセル待ちから%(count)s人を繰り上げました。") % {"count": len(promoted)}
    messages.success(request, message)
    return redirect(event_url(registration.event))


# The city's kinds of events -------------------------------------------------------------------


@require_perm("events.manage_kinds")
def kind_list(request: HttpRequest) -> HttpResponse:
    return render(request, "events/staff/kinds.html", {
        "kinds": queries.kinds(), "crumbs": crumbs((_("催しの種類"), None)),
    })


@require_perm("events.manage_kinds")
def kind_create(request: HttpRequest) -> HttpResponse:
    form = EventKindForm(form_data(request))
    return form_view(
        request, form, lambda f: services.save_kind(None, actor=request.user, **f.changes()),
        success_url=reverse("events_staff:kinds"), success_message=_("保存しました。"), title=_("催しの種類を追加"),
        crumbs=crumbs((_("催しの種類"), reverse("events_staff:kinds")), (_("追加"), None)),
        cancel_url=reverse("events_staff:kinds"),
    )


@require_perm("events.manage_kinds")
def kind_edit(request: HttpRequest, kind_pk: int) -> HttpResponse:
    kind = get_object_or_404(EventKind, pk=kind_pk)
    form = EventKindForm(form_data(request), instance=kind)
    return form_view(
        request, form, lambda f: services.save_kind(kind, actor=request.user, **f.changes()),
        success_url=reverse("events_staff:kinds"), success_message=_("保存しました。"), title=_("催しの種類を編集"),
        crumbs=crumbs((_("催しの種類"), reverse("events_staff:kinds")), (kind.name, None)),
        cancel_url=reverse("events_staff:kinds"),
    )
