"""What an outcome needs: a plan and its measure, a budget's fiscal year and item, a date, a reason.

A plan's measure is either one of kyodo's (``outcome_plan_measure``, a plans.Measure: its plan's and its own
names are then copied into the text fields) or, for a plan kyodo does not hold, named in the text fields.

One function checks a set of outcome fields, for the department's answer form, for the services and
for publishing; the database checks the same with constraints (``Opinion.Meta.constraints``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from kyodo.dialogue.models import Outcome

OUTCOME_FIELDS = (
    "outcome", "outcome_plan", "outcome_measure", "outcome_plan_measure", "outcome_fiscal_year", "outcome_budget_item",
    "outcome_amount_yen", "outcome_study_until", "outcome_reason",
)
# The fields each outcome keeps; the others are cleared when it is chosen.
KEPT = {
    Outcome.PLAN: {"outcome_plan", "outcome_measure", "outcome_plan_measure"},
    Outcome.BUDGET: {"outcome_fiscal_year", "outcome_budget_item", "outcome_amount_yen"},
    Outcome.OPERATIONS: set(),
    Outcome.STUDY: {"outcome_study_until"},
    Outcome.IMPOSSIBLE: {"outcome_reason"},
}
BLANK: dict[str, Any] = {
    "outcome_plan": "", "outcome_measure": "", "outcome_plan_measure": None, "outcome_fiscal_year": None,
    "outcome_budget_item": "",
    "outcome_amount_yen": None, "outcome_study_until": None, "outcome_reason": "",
}


def _text(values: Mapping[str, Any], name: str) -> str:
    return str(values.get(name) or "").strip()


def outcome_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Field → what is missing, in Japanese (empty when the outcome is complete)."""
    outcome = values.get("outcome") or ""
    if outcome not in Outcome.values:
        return {"outcome": _("対応結果を選んでください。")}
    problems = {}
    if outcome == Outcome.PLAN and values.get("outcome_plan_measure") is not None:
        pass  # one of kyodo's measures: its names are copied
    elif outcome == Outcome.PLAN:
        if not _text(values, "outcome_plan"):
            problems["outcome_plan"] = _("反映した計画の名称を入力してください。")
        if not _text(values, "outcome_measure"):
            problems["outcome_measure"] = _("反映した施策を入力してください。")
    elif outcome == Outcome.BUDGET:
        if not values.get("outcome_fiscal_year"):
            problems["outcome_fiscal_year"] = _("予算に反映した年度を選んでください。")
        if not _text(values, "outcome_budget_item"):
            problems["outcome_budget_item"] = _("予算の事業名を入力してください。")
    elif outcome == Outcome.STUDY:
        if not values.get("outcome_study_until"):
            problems["outcome_study_until"] = _("いつまで検討するかを入力してください。")
    elif outcome == Outcome.IMPOSSIBLE and not _text(values, "outcome_reason"):
        problems["outcome_reason"] = _("対応できない理由を入力してください。")
    return problems


def outcome_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The outcome and the fields it keeps; the other outcome fields blank."""
    outcome = Outcome(values["outcome"])
    kept = {name: (values.get(name) or BLANK[name]) for name in KEPT[outcome]}
    for name in ("outcome_plan", "outcome_measure", "outcome_budget_item", "outcome_reason"):
        if name in kept:
            kept[name] = str(kept[name]).strip()
    measure = kept.get("outcome_plan_measure")
    if measure is not None:
        kept["outcome_plan"], kept["outcome_measure"] = measure.policy.plan.title, str(measure)
    return {"outcome": outcome.value, **BLANK, **kept}


def outcome_summary(opinion: Any) -> str:
    """The outcome in one line: 「予算に反映(令和8年度 ○○事業 1,200,000円)」."""
    from kyodo.fiscal_years import FiscalYear

    if not opinion.outcome:
        return ""
    label = str(Outcome(opinion.outcome).label)
    if opinion.outcome == Outcome.PLAN:
        return f"{label}({opinion.outcome_plan} {opinion.outcome_measure})"
    if opinion.outcome == Outcome.BUDGET:
        amount = f" {opinion.outcome_amount_yen:,}円" if opinion.outcome_amount_yen is not None else ""
        year = FiscalYear(opinion.outcome_fiscal_year).wareki if opinion.outcome_fiscal_year else ""
        return f"{label}({year} {opinion.outcome_budget_item}{amount})"
    if opinion.outcome == Outcome.STUDY and opinion.outcome_study_until:
        return f"{label}({opinion.outcome_study_until.isoformat()}まで)"
    return label
