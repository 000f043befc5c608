"""Participation figures and a person's training history (city staff; communities see their own rows)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.age_bands import YOUTH_BANDS, AgeBand
from kyodo.audit.services import record_event
from kyodo.charts import Bar, bar_chart
from kyodo.events import reports
from kyodo.events.models import Tier
from kyodo.events.staff_views import crumbs
from kyodo.fiscal_years import FiscalYear
from kyodo.query_params import query_int


def _year(request: HttpRequest) -> int:
    current = FiscalYear.current().year
    return query_int(request, "year", minimum=current - 10, maximum=current, default=current) or current


@require_perm("events.view_participation")
def participation(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows, total = reports.age_bands_by_community(request.user, year)
    chart = bar_chart([(str(label), [Bar(str(label), count)]) for label, count in
                       zip(AgeBand.labels, total.counts, strict=True)], unit="count")
    current = FiscalYear.current().year
    return render(request, "events/staff/participation.html", {
        "year": year, "fiscal_year": FiscalYear(year),
        "years": [FiscalYear(y) for y in range(current, current - 5, -1)],
        "bands": AgeBand.labels, "youth_bands": [AgeBand(b).label for b in AgeBand.values if b in YOUTH_BANDS],
        "rows": rows, "total": total, "chart": chart,
        "departments": reports.staff_training_by_department(year) if getattr(request.user, "is_city_admin", False)
        else None,
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("参加の状況"), None)],
    })


@require_perm("events.view_training_history")
def training_history(request: HttpRequest) -> HttpResponse:
    name_kana = request.GET.get("kana", "").strip()[:60]
    contact = request.GET.get("contact", "").strip()[:120]
    history = reports.training_history(name_kana, contact) if name_kana and contact else []
    if name_kana and contact:
        with transaction.atomic():
            record_event("event.training_history_viewed", actor=request.user, summary=name_kana,
                         data={"found": len(history)})
    tiers = sorted({r.event.kind.get_tier_display() for r in history if r.event.kind.tier})
    return render(request, "events/staff/history.html", {
        "name_kana": name_kana, "contact": contact, "history": history, "searched": bool(name_kana and contact),
        "tiers": tiers, "all_tiers": Tier.labels, "crumbs": crumbs((_("研修の受講歴"), None)),
    })
