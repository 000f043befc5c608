"""The audit log as staff pages: the list with its filters, one event, and the chain's verification."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.audit import queries
from kyodo.audit.labels import action_label, object_type_label
from kyodo.audit.models import AuditEvent, AuditVerification
from kyodo.audit.targets import target_links
from kyodo.audit.verification import latest_verification, reason_label, request_verification

PAGE_SIZE = 50
VIEW = "audit.view_audit_log"


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("監査ログ"), reverse("audit_staff:index") if more else None),
            *more]


def verification_context(user: Any, verification: AuditVerification | None) -> dict[str, Any]:
    """What the verification panel shows (also the work area's section)."""
    return {
        "verification": verification,
        "verification_reason": reason_label(verification) if verification is not None else "",
        "can_verify": user.has_perm("audit.verify_audit_log"),
    }


@require_perm(VIEW)
def index(request: HttpRequest) -> HttpResponse:
    filters = queries.EventFilters.of(request.GET)
    page_obj = Paginator(queries.event_list(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    events = list(page_obj.object_list)
    links = target_links(events)
    names = queries.actor_names(events)
    rows = [{
        "event": event, "action_label": action_label(event.action), "actor_name": names.get(event.actor_id or 0, ""),
        "object_type_label": object_type_label(event.object_type) if event.object_type else "",
        "target_url": links.get((event.object_type, event.object_id), ""),
    } for event in events]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "audit/staff/index.html", {
        "page_obj": page_obj, "rows": rows, "filters": filters,
        "actions": queries.action_choices(request.user), "object_types": queries.object_type_choices(request.user),
        "query_without_page": f"{params.urlencode()}&" if params else "",
        "object_filter_label": object_type_label(filters.object_type) if filters.object_type else "",
        "crumbs": _crumbs(),
        **verification_context(request.user, latest_verification()),
    })


def _rows(data: Any) -> list[tuple[str, str]]:
    """The event's data as (key, value) rows: nested values as indented JSON."""
    if not isinstance(data, dict):
        return [("", json.dumps(data, ensure_ascii=False, indent=2))]
    return [(str(key), value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=2))
            for key, value in data.items()]


@require_perm(VIEW)
def event_detail(request: HttpRequest, sequence: int) -> HttpResponse:
    event: AuditEvent = queries.visible_event(request.user, sequence)
    links = target_links([event])
    return render(request, "audit/staff/event.html", {
        "event": event, "actor_name": queries.actor_names([event]).get(event.actor_id or 0, ""),
        "data_rows": _rows(event.data), "action_label": action_label(event.action),
        "object_type_label": object_type_label(event.object_type) if event.object_type else "",
        "target_url": links.get((event.object_type, event.object_id), ""),
        "crumbs": _crumbs((_("連番 %(sequence)s") % {"sequence": event.sequence}, None)),
    })


@require_perm(VIEW)
def verification_status(request: HttpRequest) -> HttpResponse:
    """The verification panel alone: the page polls it while a verification runs."""
    return render(request, "audit/staff/index.html#verification",
                  verification_context(request.user, latest_verification()))


@require_perm("audit.verify_audit_log")
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    verification = request_verification(actor=request.user)
    verification.refresh_from_db()  # a task backend that runs at once has finished it already
    if request.headers.get("HX-Request"):
        return render(request, "audit/staff/index.html#verification", verification_context(request.user, verification))
    if verification.is_running:
        messages.success(request, _("監査ログの検証を始めました。結果はこの画面に表示されます。"))
    else:
        messages.success(request, _("監査ログを検証しました。"))
    return redirect("audit_staff:index")
