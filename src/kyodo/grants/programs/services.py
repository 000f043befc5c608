"""Every write to grants: one function per action. Rule changes and adoptions are audited.

The primary object is positional, everything else keyword-only; the acting user is ``actor``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import ExpenseCategory, GrantProgram, ProgramRule, SimulationScenario
from kyodo.grants.programs.entitlements import ROUNDING_UNITS, Parameters
from kyodo.locking import claim_version
from kyodo.workflows import InvalidTransition

RULE_FIELDS = (
    "application_opens_on",
    "application_closes_on",
    "base_yen",
    "per_household_yen",
    "per_resident_yen",
    "cap_yen",
    "rounding_unit_yen",
    "budget_yen",
    "allows_advance_payment",
    "actuals_due_on",
    "is_demo_data",
)
AMOUNT_FIELDS = ("base_yen", "per_household_yen", "per_resident_yen", "cap_yen", "budget_yen")


class RuleLocked(InvalidTransition):
    """The fiscal year already has applications: its rule is never overwritten (a state, answered 409)."""

    @property
    def message(self) -> str:
        return _("この年度はすでに申請があるため、ルールは変更できません。")

    def __str__(self) -> str:
        return self.message


class AdoptionRefused(Exception):
    """The scenario cannot be adopted (already adopted, or next year's rule exists)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def validate_rule(fiscal_year: int, values: dict[str, Any]) -> dict[str, str]:
    """Japanese error messages per field for a rule's values (empty if valid)."""
    errors: dict[str, str] = {}
    year = FiscalYear(fiscal_year)
    opens, closes = values.get("application_opens_on"), values.get("application_closes_on")
    for name, day in (("application_opens_on", opens), ("application_closes_on", closes)):
        if isinstance(day, dt.date) and not year.contains(day):
            errors[name] = _("申請受付期間は%(year)s(%(start)s〜%(end)s)の中で指定してください。") % {
                "year": year.wareki,
                "start": year.starts_on.isoformat(),
                "end": year.ends_on.isoformat(),
            }
    if (
        isinstance(opens, dt.date)
        and isinstance(closes, dt.date)
        and closes < opens
        and "application_closes_on" not in errors
    ):
        errors["application_closes_on"] = _("申請受付終了日は開始日以降の日付にしてください。")
    due = values.get("actuals_due_on")
    if isinstance(due, dt.date) and isinstance(opens, dt.date) and due < opens:
        errors["actuals_due_on"] = _("実績報告の期限は申請受付開始日より後の日付にしてください。")
    for name in AMOUNT_FIELDS:
        value = values.get(name)
        if value is not None and value < 0:
            errors[name] = _("0以上の金額を入力してください。")
    unit = values.get("rounding_unit_yen")
    if unit is not None and unit not in ROUNDING_UNITS:
        errors["rounding_unit_yen"] = _("端数処理の単位は1円、100円、1,000円、10,000円のいずれかです。")
    both = {c.pk for c in values.get("eligible_categories") or []} & {
        c.pk for c in values.get("ineligible_categories") or []
    }
    if both:
        errors["ineligible_categories"] = _("同じ経費を補助対象と対象外の両方に指定することはできません。")
    return errors


def _check(fiscal_year: int, values: dict[str, Any]) -> None:
    errors = validate_rule(fiscal_year, values)
    if errors:
        raise ValidationError(errors)


def _rule_data(rule: ProgramRule) -> dict[str, Any]:
    return {
        "program": rule.program.code,
        "fiscal_year": rule.fiscal_year,
        **{name: getattr(rule, name) for name in RULE_FIELDS},
        "eligible_categories": sorted(c.code for c in rule.eligible_categories.all()),
        "ineligible_categories": sorted(c.code for c in rule.ineligible_categories.all()),
    }


@transaction.atomic
def create_rule(
    program: GrantProgram,
    *,
    actor: Any,
    fiscal_year: int,
    eligible_categories: list[ExpenseCategory] | None = None,
    ineligible_categories: list[ExpenseCategory] | None = None,
    **values: Any,
) -> ProgramRule:
    """A program's rule for a new fiscal year (a money decision: audited).

    Raises ValidationError (Japanese, per field) for invalid values or an existing year.
    """
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not rule fields: {sorted(unknown)}")
    _check(
        fiscal_year,
        {**values, "eligible_categories": eligible_categories, "ineligible_categories": ineligible_categories},
    )
    if ProgramRule.objects.filter(program=program, fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": _("この年度のルールはすでにあります。既存のルールを編集してください。")})
    rule = ProgramRule.objects.create(program=program, fiscal_year=fiscal_year, **values)
    rule.eligible_categories.set(eligible_categories or [])
    rule.ineligible_categories.set(ineligible_categories or [])
    record_event(
        "grant_rule.created",
        actor=actor,
        target=rule,
        summary=f"{program.name} {FiscalYear(fiscal_year).wareki}のルールを作成",
        data=_rule_data(rule),
    )
    return rule


@transaction.atomic
def update_rule(
    rule: ProgramRule,
    *,
    actor: Any,
    version: int,
    eligible_categories: list[ExpenseCategory] | None = None,
    ineligible_categories: list[ExpenseCategory] | None = None,
    **changes: Any,
) -> ProgramRule:
    """Change a rule. Raises RuleLocked once the year has applications, StaleObject if someone
    saved it since ``version``, ValidationError (Japanese) for invalid values."""
    if rule.is_locked:
        raise RuleLocked
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not rule fields: {sorted(unknown)}")
    eligible = list(eligible_categories) if eligible_categories is not None else list(rule.eligible_categories.all())
    ineligible = (
        list(ineligible_categories) if ineligible_categories is not None else list(rule.ineligible_categories.all())
    )
    merged = {name: getattr(rule, name) for name in RULE_FIELDS} | changes
    _check(rule.fiscal_year, {**merged, "eligible_categories": eligible, "ineligible_categories": ineligible})
    before = _rule_data(rule)
    for name, value in changes.items():
        setattr(rule, name, value)
    claim_version(rule, version)  # holds the rule's row: an application created meanwhile is seen now
    if rule.is_locked:
        raise RuleLocked
    rule.save(update_fields=[*changes, "version", "updated_at"])
    rule.eligible_categories.set(eligible)
    rule.ineligible_categories.set(ineligible)
    after = _rule_data(rule)
    changed = {name: {"from": before[name], "to": after[name]} for name in after if before[name] != after[name]}
    if changed:
        record_event(
            "grant_rule.changed",
            actor=actor,
            target=rule,
            summary=f"{rule.program.name} {rule.fiscal_year_obj.wareki}のルールを変更",
            data={"changes": changed},
        )
    return rule


@transaction.atomic
def save_scenario(
    program: GrantProgram,
    *,
    actor: Any,
    fiscal_year: int,
    name: str,
    parameters: Parameters,
) -> SimulationScenario:
    """Save a simulation as a named scenario; nothing live changes."""
    return SimulationScenario.objects.create(
        program=program,
        fiscal_year=fiscal_year,
        name=name,
        created_by=actor,
        **parameters.as_dict(),
    )


@transaction.atomic
def adopt_scenario(scenario: SimulationScenario, *, actor: Any) -> ProgramRule:
    """Create the next fiscal year's rule from the base year's rule and the scenario's parameters.

    Raises AdoptionRefused (Japanese message) if the scenario was adopted or the next year's rule
    exists. A money decision: audited.
    """
    scenario = SimulationScenario.objects.select_for_update().select_related("program").get(pk=scenario.pk)
    if scenario.adopted_at is not None:
        raise AdoptionRefused(_("この試算案はすでに採用されています。"))
    next_year = FiscalYear(scenario.fiscal_year + 1)
    if ProgramRule.objects.filter(program=scenario.program, fiscal_year=next_year.year).exists():
        raise AdoptionRefused(_("%(year)sのルールはすでにあるため、採用できません。") % {"year": next_year.wareki})
    base = ProgramRule.objects.filter(program=scenario.program, fiscal_year=scenario.fiscal_year).first()
    if base is None:
        raise AdoptionRefused(_("基準年度のルールがないため、採用できません。"))

    def shifted(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year + 1, day=28)

    rule = ProgramRule.objects.create(
        program=scenario.program,
        fiscal_year=next_year.year,
        application_opens_on=shifted(base.application_opens_on),
        application_closes_on=shifted(base.application_closes_on),
        actuals_due_on=shifted(base.actuals_due_on),
        budget_yen=base.budget_yen,
        allows_advance_payment=base.allows_advance_payment,
        rounding_mode=base.rounding_mode,
        is_demo_data=base.is_demo_data,
        **scenario.parameters.as_dict(),
    )
    rule.eligible_categories.set(base.eligible_categories.all())
    rule.ineligible_categories.set(base.ineligible_categories.all())
    scenario.adopted_at = timezone.now()
    scenario.adopted_rule = rule
    scenario.save(update_fields=["adopted_at", "adopted_rule"])
    record_event(
        "grant_scenario.adopted",
        actor=actor,
        target=rule,
        summary=f"試算案「{scenario.name}」を{scenario.program.name} {next_year.wareki}のルールとして採用",
        data={"scenario": scenario.pk, **_rule_data(rule)},
    )
    return rule


@transaction.atomic
def delete_scenario(scenario: SimulationScenario, *, actor: Any) -> None:
    """Remove a scenario that was not adopted. Raises AdoptionRefused for an adopted one."""
    scenario = SimulationScenario.objects.get(pk=scenario.pk)
    if scenario.adopted_at is not None:
        raise AdoptionRefused(_("採用済みの試算案は削除できません。"))
    scenario.delete()
