"""Read side of applications: what a user may see, the work queue, one application with what its page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet

from kyodo.communities.models import BranchOffice, Community
from kyodo.grants.models import Application, ChangeRequest, ExpenseLine, Payment, Transition
from kyodo.grants.scopes import APPLICATIONS


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """The applications ``user`` may see (``grants.scopes.APPLICATIONS``, the filter the permission checks)."""
    return APPLICATIONS.queryset(user)


def review_queue(
    user: Any, status: str = "", *, fiscal_year: int | None = None, program: str = "", branch_office: str = "",
    community_text: str = "",
) -> QuerySet[Application]:
    """The user's visible applications (in ``status``, ``fiscal_year``, the program of code ``program``, the
    branch office of slug ``branch_office``, of communities matching ``community_text``, where given), newest
    year first, oldest submission first, with program, community and its branch: one query however many."""
    queue = applications_visible_to(user).select_related("program", "community__district__branch_office", "rule")
    if status:
        queue = queue.filter(status=status)
    if fiscal_year is not None:
        queue = queue.filter(fiscal_year=fiscal_year)
    if program:
        queue = queue.filter(program__code=program)
    if branch_office:
        queue = queue.filter(community__district__branch_office__slug=branch_office)
    if community_text:
        queue = queue.filter(community__in=Community.objects.search(community_text))
    return queue.order_by("-fiscal_year", F("submitted_at").asc(nulls_last=True), "pk")


def filter_choices(user: Any) -> dict[str, list[tuple[Any, str]]]:
    """The values the list's filters offer: the fiscal years, programs and branch offices of the user's
    visible applications (three queries)."""
    from kyodo.fiscal_years import FiscalYear
    from kyodo.grants.models import GrantProgram

    visible = applications_visible_to(user).order_by()
    years = sorted(set(visible.values_list("fiscal_year", flat=True)), reverse=True)
    programs = GrantProgram.objects.filter(applications__in=visible).distinct().order_by("order", "code")
    branches = BranchOffice.objects.filter(districts__communities__grant_applications__in=visible).distinct()
    return {
        "years": [(year, FiscalYear(year).wareki) for year in years],
        "programs": [(program.code, program.name) for program in programs],
        "branches": [(branch.slug, branch.name) for branch in branches.order_by("order", "name")],
    }


def status_counts(user: Any) -> dict[str, int]:
    """How many visible applications are in each state (one query)."""
    rows = applications_visible_to(user).order_by().values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}


def application_detail(user: Any, pk: int) -> Application:
    """One visible application with its lines, award and timeline (Http404 if not visible)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        applications_visible_to(user)
        .select_related(
            "program", "rule", "community__district__branch_office", "prepared_by", "recommended_by", "award",
            "actuals_report", "settlement",
        )
        .prefetch_related(
            Prefetch("lines", queryset=ExpenseLine.objects.select_related("category")),
            Prefetch("transitions", queryset=Transition.objects.select_related("actor")),
            Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")),
            Prefetch("change_requests", queryset=ChangeRequest.objects.select_related("requested_by", "decided_by")),
            "planned_initiatives",
        ),
        pk=pk,
    )


def community_to_do(community: Community) -> list[tuple[Application, str]]:
    """The community's applications that wait for the community, with what to do next (one query)."""
    from kyodo.grants.applications.workflow import COMMUNITY_TURN, NEXT_STEPS, ApplicationStatus

    waiting = (
        Application.objects.filter(community=community, status__in=COMMUNITY_TURN)
        .select_related("program", "rule")
        .order_by("rule__actuals_due_on", "fiscal_year", "program__order")
    )
    return [(application, str(NEXT_STEPS[ApplicationStatus(application.status)])) for application in waiting]
