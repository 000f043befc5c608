"""The demo's application windows placed around today, so the demo can be walked on any date.

The demo rules (``is_demo_data``) come with an April–May window; set up in December, nobody could
submit. This step runs before the demo applications: for the current fiscal year it makes every demo
rule's window contain today (and the next weeks), creating the year's rule from the newest earlier
demo rule where there is none yet. Rules the city entered itself (not demo data) are never touched.
Idempotent: a window that already contains today is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kyodo.demo.steps import demo_step
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import GrantProgram, ProgramRule

OPEN_FOR = dt.timedelta(days=60)  # the window stays open this long after the demo is set up (within the year)

COPIED_FIELDS = (
    "base_yen", "per_household_yen", "per_resident_yen", "cap_yen", "rounding_unit_yen", "rounding_mode",
    "budget_yen", "allows_advance_payment", "category_overspend_percent",
)


def _shifted(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _copy_for(base: ProgramRule, year: FiscalYear) -> ProgramRule:
    """The demo rule of ``year``, made from ``base`` (an earlier year's demo rule)."""
    years = year.year - base.fiscal_year
    rule = ProgramRule.objects.create(
        program=base.program, fiscal_year=year.year, is_demo_data=True,
        application_opens_on=_shifted(base.application_opens_on, years),
        application_closes_on=_shifted(base.application_closes_on, years),
        actuals_due_on=_shifted(base.actuals_due_on, years),
        **{name: getattr(base, name) for name in COPIED_FIELDS},
    )
    rule.eligible_categories.set(base.eligible_categories.all())
    rule.ineligible_categories.set(base.ineligible_categories.all())
    return rule


def open_window(rule: ProgramRule, today: dt.date) -> bool:
    """Widen a demo rule's window to contain ``today`` and the next weeks (within its fiscal year).
    Returns whether it changed."""
    if rule.application_opens_on <= today <= rule.application_closes_on:
        return False
    year = FiscalYear(rule.fiscal_year)
    rule.application_opens_on = min(rule.application_opens_on, today)
    rule.application_closes_on = max(rule.application_closes_on, min(today + OPEN_FOR, year.ends_on))
    rule.save(update_fields=["application_opens_on", "application_closes_on", "updated_at"])
    return True


@demo_step(25)
@transaction.atomic
def open_current_windows() -> int:
    """The current fiscal year's demo rules, their windows open today. Returns how many rules changed."""
    today = timezone.localdate()
    year = FiscalYear.of(today)
    changed = 0
    for program in GrantProgram.objects.all():
        rule = ProgramRule.objects.filter(program=program, fiscal_year=year.year).first()
        if rule is None:
            base = (ProgramRule.objects.filter(program=program, fiscal_year__lt=year.year, is_demo_data=True)
                    .order_by("-fiscal_year").first())
            if base is None:
                continue
            rule = _copy_for(base, year)
            changed += 1
        if rule.is_demo_data and open_window(rule, today):
            changed += 1
    return changed
