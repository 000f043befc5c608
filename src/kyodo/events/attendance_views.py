"""On the day: the printable attendance list and the tablet check-in page (each view of them is logged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.audit.services import record_event
from kyodo.events import queries
from kyodo.events.attendance import mark_attended
from kyodo.events.models import Event, Registration, RegistrationStatus
from kyodo.events.staff_views import crumbs, event_url

MANAGE = "events.manage_event"


def _participants(request: HttpRequest, event: Event, page: str) -> list[Registration]:
    confirmed = [r for r in queries.registrations(event) if r.status == RegistrationStatus.CONFIRMED]
    confirmed.sort(key=lambda r: r.name_kana)
    with transaction.atomic():
        record_event("event.participants_viewed", actor=request.user, target=event, summary=event.title,
                     data={"count": len(confirmed), "page": page})
    return confirmed


@require_perm(MANAGE, load=queries.managed_event)
def attendance_list(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    participants = _participants(request, event, "attendance")
    return render(request, "events/staff/attendance.html", {
        "event": event, "participants": participants,
        "crumbs": crumbs((event.title, event_url(event)), (_("出席簿"), None)),
    })


@require_perm(MANAGE, load=queries.managed_event)
def checkin(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    participants = _participants(request, event, "checkin")
    return render(request, "events/staff/checkin.html", {
        "event": event, "participants": participants,
        "came": sum(1 for p in participants if p.attended_at),
        "crumbs": crumbs((event.title, event_url(event)), (_("受付(出席確認)"), None)),
    })


def _registration(request: HttpRequest, pk: int, registration_pk: int, **_kwargs: Any) -> Registration:
    registration: Registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_pk, event_id=pk)
    return registration


@require_perm("events.see_registration", load=_registration)
@require_POST
def checkin_mark(request: HttpRequest, registration: Registration, pk: int, registration_pk: int) -> HttpResponse:
    attended = request.POST.get("attended", "1") != "0"
    try:
        mark_attended(registration, actor=request.user, attended=attended)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("events_staff:checkin", args=[pk]))
    if attended:
        messages.success(request, _("%(name)sさんの出席を記録しました。") % {"name": registration.name})
    else:
        messages.success(request, _("%(name)sさんの出席記録を取り消しました。") % {"name": registration.name})
    return redirect(reverse("events_staff:checkin", args=[pk]) + f"#r{registration.pk}")
