"""Public pages: the calendar of events, an event, registering without an account, cancelling by link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.downloads import csv_response, download, file_response
from kyodo.events import feeds, notifications, queries, registering
from kyodo.events.forms import RegistrationForm
from kyodo.events.models import Event, Registration, RegistrationStatus
from kyodo.forms_http import INVALID, add_service_errors
from kyodo.panels import panels_for

PAGE_SIZE = 30


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("ホーム"), reverse("portal:home")), (_("研修会・交流会"), reverse("events:list")), *more]


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""


@public
def event_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "kind_slug": request.GET.get("kind", "").strip()[:40],
        "text": request.GET.get("q", "").strip()[:100],
        "upcoming": request.GET.get("when", "") != "past",
    }
    events = queries.public_events(**filters)  # type: ignore[arg-type]
    page_obj = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/list.html", {
        "page_obj": page_obj, "events": page_obj.object_list, "filters": filters, "kinds": queries.kinds(),
        "query_without_page": _query_without_page(request),
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("研修会・交流会"), None)],
    })


@public
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.public_event(pk)
    return render(request, "events/detail.html", {
        "event": event,
        "window_problem": registering.window_problem(event),
        "can_manage": request.user.has_perm("events.manage_event", event),
        "panels": panels_for("event", request, event),
        "crumbs": _crumbs((event.title, None)),
    })


def _initial(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": getattr(user, "display_name", "") or user.get_full_name(), "contact": user.email,
            "community": getattr(user, "community_id", None)}


@public
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = queries.public_event(pk)
    problem = registering.window_problem(event)
    form = RegistrationForm(request.POST or None, initial=_initial(request))
    status = 200
    if request.method == "POST":
        if problem:
            form.add_error(None, problem)
            status = INVALID
        elif form.is_valid():
            try:
                registration = registering.register(event, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
                status = INVALID
            else:
                notifications.mail_after_commit(registration, "registered", _page_url(request, registration))
                return redirect("events:registered", token=registration.token)
        else:
            status = INVALID
    return render(request, "events/register.html", {
        "event": event, "form": form, "window_problem": problem,
        "crumbs": _crumbs((event.title, event.get_absolute_url()), (_("申込み"), None)),
    }, status=status)


def _page_url(request: HttpRequest, registration: Registration) -> str:
    return request.build_absolute_uri(reverse("events:registered", args=[registration.token]))


def _by_token(token: str) -> Registration:
    registration: Registration = get_object_or_404(
        Registration.objects.select_related("event__kind"), token=token[:64]
    )
    return registration


@public
def registered(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own registration: its state, and the link that cancels it (keep this page's address)."""
    registration = _by_token(token)
    event: Event = registration.event
    return render(request, "events/registered.html", {
        "registration": registration, "event": event,
        "cancel_url": request.build_absolute_uri(reverse("events:cancel", args=[registration.token])),
        "crumbs": _crumbs((event.title, event.get_absolute_url()), (_("申込みの確認"), None)),
    })


@public
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _by_token(token)
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        try:
            promoted = registering.cancel(registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("events:registered", token=registration.token)
        for person in promoted:
            notifications.mail_after_commit(person, "promoted", _page_url(request, person))
        messages.success(request, _("申込みを取り消しました。"))
        return redirect("events:registered", token=registration.token)
    return render(request, "events/cancel.html", {
        "registration": registration, "event": registration.event,
        "crumbs": _crumbs((registration.event.title, registration.event.get_absolute_url()), (_("申込みの取消"), None)),
    })


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@download(public=True)
@public
def calendar_feed(request: HttpRequest) -> HttpResponseBase:
    """iCalendar of the listed events: all, or one kind's (``?kind=``) or one community's (``?community=``)."""
    kind_slug = request.GET.get("kind", "").strip()[:40]
    community_slug = request.GET.get("community", "").strip()[:60]
    events = queries.public_events(kind_slug=kind_slug, community_slug=community_slug,
                                   upcoming=True).prefetch_related("sessions")[:500]
    body = feeds.ical(events, name=_("一関市 研修会・交流会"), base_url=_base_url(request))
    return file_response(body.encode(), filename="events.ics", content_type="text/calendar; charset=utf-8")


@download(public=True)
@public
def open_data(request: HttpRequest) -> StreamingHttpResponse:
    """イベント一覧 (自治体標準オープンデータセット): every listed event, upcoming and past, UTF-8 with BOM."""
    events = queries.with_counts(Event.objects.listed()).order_by("starts_at", "pk")
    return csv_response(feeds.open_data_rows(events.iterator(), base_url=_base_url(request)),
                        filename="イベント一覧.csv", header=feeds.OPEN_DATA_HEADER, fallback="events.csv")
