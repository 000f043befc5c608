"""An object's change history (django-simple-history) as a staff page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.audit.history import HistoryTarget, entries, history_target

PAGE_SIZE = 30


def _load(request: HttpRequest, label: str, pk: str, **_kwargs: Any) -> HistoryTarget:
    return history_target(label, pk)


@require_perm("audit.view_history", load=_load)
def object_history(request: HttpRequest, target: HistoryTarget, label: str, pk: str) -> HttpResponse:
    records = target.records()
    page_obj = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    start = (page_obj.number - 1) * PAGE_SIZE
    # The page's records and the one before its oldest, to show what the oldest changed: one query.
    window = list(records[start:start + PAGE_SIZE + 1])
    if not window:
        raise Http404
    shown, older = window[:PAGE_SIZE], (window[PAGE_SIZE] if len(window) > PAGE_SIZE else None)
    current = target.model._default_manager.filter(pk=target.pk).first()
    name = str(current) if current is not None else str(window[0].instance)
    title = _("%(name)sの変更履歴") % {"name": name}
    show_audit = request.user.has_perm("audit.view_audit_log")
    return render(request, "audit/staff/history.html", {
        "target": target, "name": name, "title": title, "is_deleted": current is None,
        "model_label": target.model._meta.verbose_name, "page_obj": page_obj,
        "entries": entries(shown, older, target.model),
        "audit_url": (f"{reverse('audit_staff:index')}?object_type={target.label}&object_id={target.pk}"
                      if show_audit else ""),
        "query_without_page": "",
        "crumbs": [(_("作業画面"), reverse("staff:home")), (title, None)],
    })
