"""The amounts of an application, in integer yen: entitlement, budget left, what has moved, and the
settled amount computed from the actuals. Read-only: the services decide with these figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from kyodo.grants.models import ActualLine, Application, Award, ExpenseCategory, Payment, ProgramRule, Settlement


def entitlement_yen(application: Application) -> int | None:
    """The community's entitlement under the application's rule (None: no figures for the year)."""
    from kyodo.communities.models import Community
    from kyodo.grants.programs import queries

    rows = queries.entitlements(
        application.program,
        application.fiscal_year,
        communities=Community.objects.filter(pk=application.community_id),
        rule=application.rule,
    )
    return rows[0].amount_yen if rows and rows[0].eligible else None


def remaining_budget_yen(rule: ProgramRule) -> int:
    """The year's budget less every award of that program and year."""
    awarded = Award.objects.filter(
        application__program_id=rule.program_id, application__fiscal_year=rule.fiscal_year
    ).aggregate(total=Sum("amount_yen"))["total"]
    return rule.budget_yen - (awarded or 0)


def limit_problems(application: Application, amount_yen: int) -> list[str]:
    """Where ``amount_yen`` exceeds the entitlement or the rule's cap (Japanese; empty if nowhere)."""
    problems = []
    limit = entitlement_yen(application)
    if limit is not None and amount_yen > limit:
        problems.append(_("交付見込額%(limit)s円を超えています。") % {"limit": f"{limit:,}"})
    cap = application.rule.cap_yen
    if cap is not None and amount_yen > cap:
        problems.append(_("上限額%(cap)s円を超えています。") % {"cap": f"{cap:,}"})
    return problems


@dataclass(frozen=True)
class Money:
    """What has moved for an application, in integer yen."""

    awarded_yen: int
    advance_yen: int
    final_yen: int
    refunded_yen: int
    settled_yen: int | None

    @property
    def paid_yen(self) -> int:
        return self.advance_yen + self.final_yen

    @property
    def net_paid_yen(self) -> int:
        return self.paid_yen - self.refunded_yen

    @property
    def balance_yen(self) -> int | None:
        """Settled − net paid: positive = still to pay, negative = to be refunded (None before settlement)."""
        return None if self.settled_yen is None else self.settled_yen - self.net_paid_yen


def money(application: Application) -> Money:
    """The application's award, payments and settlement (three queries)."""
    by_kind = dict(
        Payment.objects.filter(application=application).values_list("kind").annotate(total=Sum("amount_yen"))
    )
    award = Award.objects.filter(application=application).values_list("amount_yen", flat=True).first()
    settled = Settlement.objects.filter(application=application).values_list("settled_yen", flat=True).first()
    return Money(
        awarded_yen=award or 0,
        advance_yen=by_kind.get(Payment.Kind.ADVANCE, 0),
        final_yen=by_kind.get(Payment.Kind.FINAL, 0),
        refunded_yen=by_kind.get(Payment.Kind.REFUND, 0),
        settled_yen=settled,
    )


@dataclass(frozen=True)
class CategoryComparison:
    """Planned against actual spending of one expense category."""

    category: ExpenseCategory
    planned_yen: int
    actual_yen: int
    allowed_yen: int  # the most the rule lets the actuals reach in this category

    @property
    def over_yen(self) -> int:
        return max(0, self.actual_yen - self.allowed_yen)


def allowed_for(planned_yen: int, percent: int) -> int:
    """The planned amount plus the rule's tolerance, rounded down to whole yen."""
    allowed = Decimal(planned_yen) * (Decimal(100) + Decimal(percent)) / Decimal(100)
    return int(allowed.to_integral_value(rounding=ROUND_DOWN))


def compare_categories(
    application: Application, actual_lines: Iterable[ActualLine] | None = None
) -> list[CategoryComparison]:
    """Per expense category: planned (application lines), actual (report lines), allowed. Two queries at
    most: none for the plan when its lines are prefetched, none for the actuals when they are given."""
    percent = application.rule.category_overspend_percent
    planned: dict[int, int] = {}
    actual: dict[int, int] = {}
    categories: dict[int, ExpenseCategory] = {}
    prefetched = "lines" in getattr(application, "_prefetched_objects_cache", {})
    plan = application.lines.all() if prefetched else application.lines.select_related("category")
    for line in plan:
        planned[line.category_id] = planned.get(line.category_id, 0) + line.amount_yen
        categories[line.category_id] = line.category
    if actual_lines is None:
        actual_lines = ActualLine.objects.filter(report__application=application).select_related("category")
    for actual_line in actual_lines:
        actual[actual_line.category_id] = actual.get(actual_line.category_id, 0) + actual_line.amount_yen
        categories[actual_line.category_id] = actual_line.category
    ordered = sorted(categories.values(), key=lambda c: (c.order, c.code))
    return [
        CategoryComparison(category=c, planned_yen=planned.get(c.pk, 0), actual_yen=actual.get(c.pk, 0),
                           allowed_yen=allowed_for(planned.get(c.pk, 0), percent))
        for c in ordered
    ]


@dataclass(frozen=True)
class SettlementFigures:
    award_yen: int
    actual_total_yen: int
    eligible_actuals_yen: int
    settled_yen: int
    net_paid_yen: int

    @property
    def balance_yen(self) -> int:
        """Positive: still to pay; negative: to be refunded."""
        return self.settled_yen - self.net_paid_yen

    @property
    def to_pay_yen(self) -> int:
        return max(self.balance_yen, 0)

    @property
    def to_refund_yen(self) -> int:
        return max(-self.balance_yen, 0)


def settlement_figures(application: Application) -> SettlementFigures:
    """The settled amount = eligible actuals (each category at most its allowed amount), at most the award."""
    eligible_ids = set(application.rule.eligible_categories.values_list("pk", flat=True))
    rows = compare_categories(application)
    actual_total = sum(row.actual_yen for row in rows)
    eligible = sum(min(row.actual_yen, row.allowed_yen) for row in rows if row.category.pk in eligible_ids)
    paid = money(application)
    settled = min(eligible, paid.awarded_yen)
    return SettlementFigures(award_yen=paid.awarded_yen, actual_total_yen=actual_total,
                             eligible_actuals_yen=eligible, settled_yen=settled, net_paid_yen=paid.net_paid_yen)
