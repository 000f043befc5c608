"""Reads about opinions: scoped staff lists, the public list of published answers, the city's counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyodo.dialogue.models import Opinion, OpinionStatus, OpinionTransition
from kyodo.dialogue.scopes import OPINIONS
from kyodo.dialogue.workflow import WAITING_FOR_DEPARTMENT
from kyodo.plans.models import Department
from kyodo.query_params import parse_int
from kyodo.text_search import normalize_for_search

LIST_RELATED = ("community", "district", "category")


def _with_departments(rows: QuerySet[Opinion]) -> QuerySet[Opinion]:
    return rows.select_related(*LIST_RELATED).prefetch_related(
        Prefetch("departments", queryset=Department.objects.order_by("order", "name")))


def opinions_visible_to(user: Any) -> QuerySet[Opinion]:
    return OPINIONS.queryset(user)


def _int(value: Any) -> int | None:
    return parse_int(str(value or "").strip(), minimum=1, maximum=9_999_999)


@dataclass(frozen=True)
class StaffFilters:
    """The staff list's filters, read from the query string (unknown values are ignored)."""

    status: str = ""
    department: int | None = None
    overdue: bool = False
    text: str = ""

    @classmethod
    def of(cls, params: Mapping[str, str]) -> StaffFilters:
        status = params.get("status", "")
        return cls(
            status=status if status in OpinionStatus.values else "",
            department=_int(params.get("department")),
            overdue=params.get("overdue") == "1",
            text=params.get("q", "")[:100],
        )


def staff_queue(user: Any, filters: StaffFilters, *, today: dt.date | None = None) -> QuerySet[Opinion]:
    """The opinions the user sees, filtered; a department's waiting ones first, by due date."""
    today = today or timezone.localdate()
    rows = opinions_visible_to(user)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.department:
        rows = rows.filter(pk__in=Opinion.departments.through.objects.filter(
            department_id=filters.department).values("opinion_id"))
    if filters.overdue:
        rows = rows.filter(status__in=WAITING_FOR_DEPARTMENT, due_on__lt=today)
    if filters.text.strip():
        rows = rows.filter(search_text__contains=normalize_for_search(filters.text))
    return _with_departments(rows).order_by("due_on", "-received_on", "-pk")


def status_counts(user: Any) -> dict[str, int]:
    rows = opinions_visible_to(user).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def waiting_for_department(department_id: int, *, today: dt.date | None = None) -> dict[str, Any]:
    """A department's to-do: how many wait for its answer, how many are overdue, the nearest due date."""
    from django.db.models import Min

    today = today or timezone.localdate()
    rows = Opinion.objects.filter(
        status__in=WAITING_FOR_DEPARTMENT,
        pk__in=Opinion.departments.through.objects.filter(department_id=department_id).values("opinion_id"),
    )
    return rows.aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)),
                          next_due=Min("due_on"))


def load_opinion(request: Any, pk: int, **_kwargs: Any) -> Opinion:
    """The opinion with what its staff page shows (404 when unknown; permission decides the rest)."""
    return get_object_or_404(_with_departments(Opinion.objects.all()).select_related(
        "plan_initiative", "answered_by", "recorded_by"), pk=pk)


def timeline(opinion: Opinion) -> list[OpinionTransition]:
    return list(opinion.transitions.select_related("actor"))


# ---- public ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicFilters:
    text: str = ""
    district: int | None = None
    category: int | None = None
    outcome: str = ""
    fiscal_year: int | None = None

    @classmethod
    def of(cls, params: Mapping[str, str]) -> PublicFilters:
        from kyodo.dialogue.models import Outcome

        outcome = params.get("outcome", "")
        return cls(
            text=params.get("q", "")[:100],
            district=_int(params.get("district")),
            category=_int(params.get("category")),
            outcome=outcome if outcome in Outcome.values else "",
            fiscal_year=_int(params.get("fiscal_year")),
        )


def published() -> QuerySet[Opinion]:
    return Opinion.objects.filter(status=OpinionStatus.PUBLISHED)


def published_list(filters: PublicFilters) -> QuerySet[Opinion]:
    rows = published()
    if filters.text.strip():
        rows = rows.filter(search_text__contains=normalize_for_search(filters.text))
    if filters.district:
        rows = rows.filter(district_id=filters.district)
    if filters.category:
        rows = rows.filter(category_id=filters.category)
    if filters.outcome:
        rows = rows.filter(outcome=filters.outcome)
    if filters.fiscal_year:
        rows = rows.filter(fiscal_year=filters.fiscal_year)
    return _with_departments(rows).order_by("-published_at", "-pk")


def published_fiscal_years() -> list[int]:
    return list(published().order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


def published_opinion(pk: int) -> Opinion:
    return get_object_or_404(_with_departments(published()), pk=pk)


def published_for_community(community: Any, *, limit: int = 10) -> list[Opinion]:
    return list(published().filter(community=community).select_related("category")
                .order_by("-published_at", "-pk")[:limit])
