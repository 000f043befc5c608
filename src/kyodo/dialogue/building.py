"""Opinions put straight into a state, with the answer and outcome that state implies and a timeline that
follows ``OPINION_WORKFLOW`` step by step: one builder for the demo data, the tests and the benchmark.

The services are how people move an opinion (a due date in the past is refused there); this module is how
kyodo makes worlds to show and to test, with dates anywhere in the last five fiscal years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kyodo.dialogue.models import Opinion, OpinionStatus, OpinionTransition, Outcome
from kyodo.dialogue.outcomes import outcome_values
from kyodo.fiscal_years import FiscalYear
from kyodo.text_search import normalize_for_search

S = OpinionStatus

PATHS: dict[str, list[str]] = {
    S.RECEIVED: [],
    S.ROUTED: ["route"],
    S.ANSWERED: ["route", "answer"],
    S.RETURNED: ["route", "answer", "return"],
    S.REVIEWED: ["route", "answer", "review"],
    S.PUBLISHED: ["route", "answer", "review", "publish"],
}
ANSWERED_STATES = frozenset({S.ANSWERED, S.REVIEWED, S.PUBLISHED})
# Days after receipt of each step.
AFTER = {"route": 5, "answer": 30, "return": 35, "review": 37, "publish": 40}
COMMENTS = {"return": "対応結果の根拠を補足してください。"}


def outcome_fields(outcome: str, fiscal_year: int) -> dict[str, Any]:
    """A complete outcome of the kind ``outcome`` (for the demo and the tests)."""
    examples: dict[str, dict[str, Any]] = {
        Outcome.PLAN: {"outcome_plan": "第2次一関市協働推進計画",
                       "outcome_measure": "施策3 地域の声を計画に生かす仕組み"},
        Outcome.BUDGET: {"outcome_fiscal_year": fiscal_year + 1, "outcome_budget_item": "地域協働体活動支援事業",
                         "outcome_amount_yen": 1_200_000},
        Outcome.OPERATIONS: {},
        Outcome.STUDY: {"outcome_study_until": FiscalYear(fiscal_year + 1).ends_on},
        Outcome.IMPOSSIBLE: {"outcome_reason": "法令上、市が行うことができないため。"},
    }
    return outcome_values({"outcome": outcome, **examples[Outcome(outcome)]})


@dataclass
class Cast:
    """Who takes the steps: the city's administrator and a department's staff member."""

    city: Any
    department_staff: Any


def build(
    *, status: str, cast: Cast, category: Any, district: Any, community: Any, departments: list[Any],
    received_on: dt.date, title: str, body: str = "", outcome: str = Outcome.OPERATIONS, due_in_days: int = 30,
    is_demo_data: bool = False, answer: str = "",
) -> tuple[Opinion, list[OpinionTransition]]:
    """An unsaved opinion in ``status`` and its unsaved timeline (``save`` writes both)."""
    steps = PATHS[OpinionStatus(status)]
    fiscal_year = FiscalYear.of(received_on).year
    opinion = Opinion(
        status=status, title=title, body=body or f"{title}についての意見です。", category=category,
        district=district, community=community, received_on=received_on, fiscal_year=fiscal_year,
        recorded_by=cast.city, is_demo_data=is_demo_data, version=len(steps) + 1,
    )
    if steps:
        opinion.due_on = received_on + dt.timedelta(days=due_in_days)
    if status in ANSWERED_STATES or status == S.RETURNED:
        for name, value in outcome_fields(outcome, fiscal_year).items():
            setattr(opinion, name, value)
        opinion.answer = answer or "担当課で検討し、次のとおり対応します。"
        opinion.answered_by = cast.department_staff
        opinion.answered_at = _at(received_on, AFTER["answer"])
    if status == S.PUBLISHED:
        opinion.published_at = _at(received_on, AFTER["publish"])
    opinion.search_text = normalize_for_search(" ".join([opinion.title, opinion.body, opinion.answer]))
    transitions = []
    before: str = S.RECEIVED
    from kyodo.dialogue.workflow import OPINION_WORKFLOW

    for step in steps:
        action = OPINION_WORKFLOW.action(step)
        actor = cast.department_staff if action.role == "department" else cast.city
        transitions.append(OpinionTransition(from_status=before, to_status=action.target, action=step, actor=actor,
                                             comment=COMMENTS.get(step, "")))
        before = action.target
    opinion._departments = departments  # type: ignore[attr-defined]
    opinion._step_days = [AFTER[step] for step in steps]  # type: ignore[attr-defined]
    return opinion, transitions


def _at(day: dt.date, days: int) -> dt.datetime:
    moment = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(10, 0))
    return timezone.make_aware(moment)


def save(opinion: Opinion, transitions: list[OpinionTransition]) -> Opinion:
    """Write a built opinion, its departments and its timeline (with the timeline's dates)."""
    opinion.save()
    opinion.departments.set(opinion._departments)  # type: ignore[attr-defined]
    for transition, days in zip(transitions, opinion._step_days, strict=True):  # type: ignore[attr-defined]
        transition.opinion = opinion
        transition.save()
        OpinionTransition.objects.filter(pk=transition.pk).update(occurred_at=_at(opinion.received_on, days))
    return opinion


def bulk_save(built: list[tuple[Opinion, list[OpinionTransition]]]) -> list[Opinion]:
    """Write many built opinions in a few queries (the benchmark's data)."""
    opinions = Opinion.objects.bulk_create([opinion for opinion, _ in built])
    through = Opinion.departments.through
    through.objects.bulk_create([through(opinion_id=opinion.pk, department_id=department.pk)
                                 for opinion, _ in built for department in opinion._departments])  # type: ignore[attr-defined]
    rows = []
    for opinion, transitions in built:
        for transition, days in zip(transitions, opinion._step_days, strict=True):  # type: ignore[attr-defined]
            transition.opinion = opinion
            transition.occurred_at = _at(opinion.received_on, days)
            rows.append(transition)
    OpinionTransition.objects.bulk_create(rows)
    return opinions
