"""Every change to the promotion plans: one function per action.

Plans, their policies, measures and schedules are city decisions: each change is written to
the audit log with what changed. Plans and measures carry a ``version`` (optimistic locking):
a change made from a form the user opened before someone else's change raises StaleObject
and saves nothing. A policy is part of its plan's text, so it claims the plan's version; a
schedule cell is part of its measure, so it claims the measure's version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils.translation import gettext

from kyodo.audit.services import record_event
from kyodo.locking import claim_version, save_with_version
from kyodo.plans import queries
from kyodo.plans.models import Department, Measure, MeasureSchedule, Policy, PromotionPlan


def _measure_label(measure: Measure) -> str:
    """事業N title, in Japanese whatever the request's language: audit summaries are stored records."""
    return f"事業{measure.number} {measure.title}"


def _changes(instance: Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value differs; assigns the new values."""
    changed: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [_plain(old), _plain(new)]
            setattr(instance, name, new)
    return changed


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_period(start_fiscal_year: int, end_fiscal_year: int) -> None:
    if end_fiscal_year < start_fiscal_year:
        raise ValidationError({"end_fiscal_year": gettext("終了年度は開始年度以降にしてください。")})


def _release_current_plan(*, except_pk: int | None) -> list[int]:
    """Unmark the current plan (a city has one); bump its version so open forms for it go stale."""
    others = PromotionPlan.objects.filter(is_current=True)
    if except_pk is not None:
        others = others.exclude(pk=except_pk)
    numbers = list(others.values_list("number", flat=True))
    others.update(is_current=False, version=F("version") + 1)
    return numbers


# --- Plans -----------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *,
    actor: Any,
    number: int,
    title: str,
    start_fiscal_year: int,
    end_fiscal_year: int,
    subtitle: str = "",
    adopted_on: dt.date | None = None,
    background: str = "",
    purpose: str = "",
    positioning: str = "",
    aim_title: str = "",
    aim_text: str = "",
    is_current: bool = False,
) -> PromotionPlan:
    """Create plan 第``number``次 (empty: no policies yet).

    Raises ValidationError if the number is taken or the period is reversed.
    """
    if PromotionPlan.objects.filter(number=number).exists():
        raise ValidationError({"number": gettext("第%(number)s次の計画は既に登録されています。") % {"number": number}})
    _check_period(start_fiscal_year, end_fiscal_year)
    released = _release_current_plan(except_pk=None) if is_current else []
    plan = PromotionPlan.objects.create(
        number=number, title=title, subtitle=subtitle, start_fiscal_year=start_fiscal_year,
        end_fiscal_year=end_fiscal_year, adopted_on=adopted_on, background=background, purpose=purpose,
        positioning=positioning, aim_title=aim_title, aim_text=aim_text, is_current=is_current,
    )
    record_event(
        "plans.plan_created", actor=actor, target=plan, summary=f"{plan.title}を登録",
        data={"number": number, "period": [start_fiscal_year, end_fiscal_year], "is_current": is_current,
              "released_current": released},
    )
    return plan


@transaction.atomic
def update_plan(
    plan: PromotionPlan,
    *,
    actor: Any,
    version: int,
    title: str,
    subtitle: str,
    start_fiscal_year: int,
    end_fiscal_year: int,
    adopted_on: dt.date | None,
    background: str,
    purpose: str,
    positioning: str,
    aim_title: str,
    aim_text: str,
    is_current: bool,
) -> PromotionPlan:
    """Change a plan's texts, period or current flag.

    Raises StaleObject if the plan changed since ``version``; ValidationError if the period is
    reversed or would leave a measure's schedule outside it.
    """
    _check_period(start_fiscal_year, end_fiscal_year)
    claim_version(plan, version)
    if queries.schedules_outside(plan, start_fiscal_year, end_fiscal_year).exists():
        raise ValidationError(
            {"start_fiscal_year": gettext("計画期間の外になる実施年度があります。先に実施年度を変更してください。")}
        )
    changed = _changes(plan, {
        "title": title, "subtitle": subtitle, "start_fiscal_year": start_fiscal_year,
        "end_fiscal_year": end_fiscal_year, "adopted_on": adopted_on, "background": background,
        "purpose": purpose, "positioning": positioning, "aim_title": aim_title, "aim_text": aim_text,
        "is_current": is_current,
    })
    released = _release_current_plan(except_pk=plan.pk) if is_current and "is_current" in changed else []
    plan.save(update_fields=[*changed, "version"])
    record_event(
        "plans.plan_updated", actor=actor, target=plan, summary=f"{plan.title}を変更",
        data={"changes": changed, "released_current": released},
    )
    return plan


# --- Policies --------------------------------------------------------------------------------


@transaction.atomic
def create_policy(plan: PromotionPlan, *, actor: Any, version: int, number: int, title: str,
                  description: str = "") -> Policy:
    """Add 基本方針(``number``) to a plan.

    Raises StaleObject if the plan changed since ``version``; ValidationError if the number is taken.
    """
    claim_version(plan, version)
    if Policy.objects.filter(plan=plan, number=number).exists():
        raise ValidationError({"number": gettext("基本方針(%(number)s)は既にあります。") % {"number": number}})
    policy = Policy.objects.create(plan=plan, number=number, title=title, description=description)
    record_event("plans.policy_created", actor=actor, target=policy, summary=f"{plan.title} 基本方針{policy}を追加",
                 data={"plan": plan.number, "number": number, "title": title})
    return policy


@transaction.atomic
def update_policy(policy: Policy, *, actor: Any, version: int, title: str, description: str) -> Policy:
    """Change a policy's title or description. ``version`` is its plan's.

    Raises StaleObject if the plan changed since ``version``.
    """
    plan = policy.plan
    claim_version(plan, version)
    changed = _changes(policy, {"title": title, "description": description})
    policy.save(update_fields=list(changed))
    record_event("plans.policy_updated", actor=actor, target=policy, summary=f"{plan.title} 基本方針{policy}を変更",
                 data={"plan": plan.number, "changes": changed})
    return policy


# --- Measures --------------------------------------------------------------------------------


@transaction.atomic
def create_measure(policy: Policy, *, actor: Any, number: int, title: str, content: str = "",
                   department: Department | None = None, partner: str = "") -> Measure:
    """Add 事業``number`` under a policy.

    Raises ValidationError if the plan already has a measure with that number.
    """
    if Measure.objects.filter(policy__plan_id=policy.plan_id, number=number).exists():
        raise ValidationError({"number": gettext("事業%(number)sは既にあります。") % {"number": number}})
    measure = Measure.objects.create(policy=policy, number=number, title=title, content=content,
                                     department=department, partner=partner)
    record_event("plans.measure_created", actor=actor, target=measure, summary=f"{_measure_label(measure)}を追加",
                 data={"plan": policy.plan.number, "policy": policy.number, "number": number, "title": title,
                       "department": _plain(department)})
    return measure


@transaction.atomic
def update_measure(measure: Measure, *, actor: Any, version: int, title: str, content: str,
                   department: Department | None, partner: str = "") -> Measure:
    """Change a measure's title, content, department or partner.

    Raises StaleObject if the measure changed since ``version``.
    """
    changed = _changes(measure, {"title": title, "content": content, "department": department,
                                 "partner": partner})
    save_with_version(measure, list(changed), expected_version=version)
    record_event("plans.measure_updated", actor=actor, target=measure, summary=f"{_measure_label(measure)}を変更",
                 data={"plan": measure.policy.plan.number, "changes": changed})
    return measure


# --- Schedules (the yearly cells of a measure) -------------------------------------------------


def _schedule_data(schedule: MeasureSchedule) -> dict[str, Any]:
    return {"start_fiscal_year": schedule.start_fiscal_year, "end_fiscal_year": schedule.end_fiscal_year,
            "text": schedule.text}


@transaction.atomic
def add_schedule(measure: Measure, *, actor: Any, version: int, start_fiscal_year: int, end_fiscal_year: int,
                 text: str) -> MeasureSchedule:
    """Add a cell to a measure's schedule. ``version`` is the measure's.

    Raises StaleObject if the measure changed since ``version``; ValidationError if the years are
    outside the plan period, reversed, or overlap another cell.
    """
    claim_version(measure, version)
    schedule = MeasureSchedule(measure=measure, start_fiscal_year=start_fiscal_year,
                               end_fiscal_year=end_fiscal_year, text=text)
    schedule.full_clean()
    schedule.save()
    record_event("plans.schedule_added", actor=actor, target=schedule,
                 summary=f"{_measure_label(measure)} {schedule.period_label}を追加",
                 data={"plan": measure.policy.plan.number, "measure": measure.number, **_schedule_data(schedule)})
    return schedule


@transaction.atomic
def update_schedule(schedule: MeasureSchedule, *, actor: Any, version: int, start_fiscal_year: int,
                    end_fiscal_year: int, text: str) -> MeasureSchedule:
    """Change a schedule cell's years or text. ``version`` is the measure's.

    Raises StaleObject if the measure changed since ``version``; ValidationError as add_schedule.
    """
    measure = schedule.measure
    claim_version(measure, version)
    changed = _changes(schedule, {"start_fiscal_year": start_fiscal_year, "end_fiscal_year": end_fiscal_year,
                                  "text": text})
    schedule.full_clean()
    schedule.save(update_fields=list(changed))
    record_event("plans.schedule_updated", actor=actor, target=schedule,
                 summary=f"{_measure_label(measure)} {schedule.period_label}を変更",
                 data={"plan": measure.policy.plan.number, "measure": measure.number, "changes": changed})
    return schedule


@transaction.atomic
def delete_schedule(schedule: MeasureSchedule, *, actor: Any, version: int) -> None:
    """Remove a cell from a measure's schedule. ``version`` is the measure's.

    Raises StaleObject if the measure changed since ``version``.
    """
    measure = schedule.measure
    claim_version(measure, version)
    record_event("plans.schedule_deleted", actor=actor, target=schedule,
                 summary=f"{_measure_label(measure)} {schedule.period_label}を削除",
                 data={"plan": measure.policy.plan.number, "measure": measure.number, **_schedule_data(schedule)})
    schedule.delete()


# --- Departments -------------------------------------------------------------------------------


@transaction.atomic
def create_department(*, actor: Any, name: str, division: str = "", order: int = 0) -> Department:
    """Register a city department (所管課). Raises ValidationError if the name is taken."""
    if Department.objects.filter(name=name).exists():
        raise ValidationError({"name": gettext("「%(name)s」は既に登録されています。") % {"name": name}})
    department = Department.objects.create(name=name, division=division, order=order)
    record_event("plans.department_created", actor=actor, target=department, summary=f"所管課「{name}」を登録",
                 data={"name": name, "division": division, "order": order})
    return department


@transaction.atomic
def update_department(department: Department, *, actor: Any, name: str, division: str, order: int) -> Department:
    """Rename or reorder a department. Raises ValidationError if the new name is taken."""
    if Department.objects.filter(name=name).exclude(pk=department.pk).exists():
        raise ValidationError({"name": gettext("「%(name)s」は既に登録されています。") % {"name": name}})
    changed = _changes(department, {"name": name, "division": division, "order": order})
    department.save(update_fields=list(changed))
    record_event("plans.department_updated", actor=actor, target=department, summary=f"所管課「{name}」を変更",
                 data={"changes": changed})
    return department
