"""What waits on a person in the subsidy workflow, for the work area's to-do list: per state where it is
their turn, how many applications, the nearest due date and whether one is overdue (one query)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.accounts.roles import Role
from kyodo.grants.applications.queries import applications_visible_to
from kyodo.grants.applications.states import EDITABLE, REPORT_EDITABLE, ApplicationStatus
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW
from kyodo.workarea import ToDo

# Which of the workflow's kinds of actor a user plays, by role (the object-level rules narrow it further:
# the lists are scoped, so what is counted is what the user may open).
PLAYS: dict[str, frozenset[str]] = {
    Role.CITY_ADMIN: frozenset({"reviewer", "decider"}),
    Role.BRANCH_STAFF: frozenset({"reviewer"}),
    Role.COMMUNITY_SECRETARIAT: frozenset({"community"}),
    Role.COMMUNITY_OFFICER: frozenset({"community"}),
}


def states_waiting_on(user: Any) -> dict[str, list[str]]:
    """State → the labels of the actions the user's kind of actor takes from it (in the workflow's order)."""
    plays = PLAYS.get(getattr(user, "role", ""), frozenset())
    waiting: dict[str, list[str]] = {}
    for action in APPLICATION_WORKFLOW.actions.values():
        if action.role not in plays or action.sources == frozenset({action.target}):
            continue  # recording a payment keeps the state: not a to-do of its own
        for state in ApplicationStatus.values:
            if action.starts_from(state):
                waiting.setdefault(state, []).append(str(action.label))
    return waiting


def to_do(user: Any) -> list[ToDo]:
    """The user's subsidy to-dos, in the workflow's order of states; nothing for a user with no turn."""
    waiting = states_waiting_on(user)
    if not waiting:
        return []
    today = timezone.localdate()
    rows = (
        applications_visible_to(user).filter(status__in=list(waiting)).order_by().values("status")
        .annotate(count=Count("pk"), window_closes=Min("rule__application_closes_on"),
                  report_due=Min("rule__actuals_due_on"),
                  overdue=Count("pk", filter=Q(status__in=REPORT_EDITABLE, rule__actuals_due_on__lt=today)))
    )
    by_state = {row["status"]: row for row in rows}
    items = []
    for state in ApplicationStatus.values:
        row = by_state.get(state)
        if row is None:
            continue
        due = row["window_closes"] if state in EDITABLE else row["report_due"] if state in REPORT_EDITABLE else None
        items.append(ToDo(
            label=_("「%(state)s」の申請") % {"state": APPLICATION_WORKFLOW.label(state)},
            count=row["count"],
            url=f"{reverse('grants_staff:application-list')}?status={state}",
            due_on=due,
            overdue=bool(row["overdue"]) or (due is not None and state in EDITABLE and due < today),
            detail="・".join(waiting[state]),
        ))
    return items
