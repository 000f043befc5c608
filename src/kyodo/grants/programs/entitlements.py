"""The amount formula and who may apply: pure functions, no database writes.

Amount = base + households × per-household + residents × per-resident, computed with Decimal,
rounded DOWN to the rule's unit (1, 100, 1,000 or 10,000 yen), then limited by the cap.
Eligibility follows from the community's status and its community plan (地域づくり計画).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any

from kyodo.fiscal_years import FiscalYear

ROUNDING_UNITS = (1, 100, 1000, 10000)
ROUNDING_LABELS = {1: "1円未満切捨て", 100: "百円未満切捨て", 1000: "千円未満切捨て", 10000: "万円未満切捨て"}


def _decimal(value: int | Decimal) -> Decimal:
    if isinstance(value, (float, bool)):
        raise TypeError("money is never float")
    return Decimal(value)


def compute_amount(
    *,
    base_yen: int | Decimal,
    per_household_yen: int | Decimal,
    per_resident_yen: int | Decimal,
    households: int,
    population: int,
    cap_yen: int | None,
    rounding_unit_yen: int,
) -> int:
    """The entitlement in integer yen: Decimal sum, rounded down to the unit, then the cap."""
    if rounding_unit_yen not in ROUNDING_UNITS:
        raise ValueError(f"rounding unit must be one of {ROUNDING_UNITS}")
    if households < 0 or population < 0:
        raise ValueError("households and population are not negative")
    raw = (
        _decimal(base_yen)
        + _decimal(households) * _decimal(per_household_yen)
        + _decimal(population) * _decimal(per_resident_yen)
    )
    if raw < 0:
        raise ValueError("amounts are not negative")
    unit = Decimal(rounding_unit_yen)
    rounded = int((raw / unit).to_integral_value(rounding=ROUND_DOWN) * unit)
    if cap_yen is not None:
        rounded = min(rounded, int(cap_yen))
    return rounded


@dataclass(frozen=True)
class Parameters:
    """The parameters of the amount formula (a rule's, or a simulation's proposal)."""

    base_yen: int
    per_household_yen: int
    per_resident_yen: int
    cap_yen: int | None
    rounding_unit_yen: int

    @classmethod
    def of(cls, obj: Any) -> Parameters:
        """The parameters of a ProgramRule or a SimulationScenario."""
        return cls(
            base_yen=obj.base_yen,
            per_household_yen=obj.per_household_yen,
            per_resident_yen=obj.per_resident_yen,
            cap_yen=obj.cap_yen,
            rounding_unit_yen=obj.rounding_unit_yen,
        )

    def amount(self, *, households: int, population: int) -> int:
        return compute_amount(
            base_yen=self.base_yen,
            per_household_yen=self.per_household_yen,
            per_resident_yen=self.per_resident_yen,
            households=households,
            population=population,
            cap_yen=self.cap_yen,
            rounding_unit_yen=self.rounding_unit_yen,
        )

    def as_dict(self) -> dict[str, int | None]:
        return {
            "base_yen": self.base_yen,
            "per_household_yen": self.per_household_yen,
            "per_resident_yen": self.per_resident_yen,
            "cap_yen": self.cap_yen,
            "rounding_unit_yen": self.rounding_unit_yen,
        }


def formula_text(parameters: Parameters, *, households: int, population: int) -> str:
    """基本額 300,000円 + 世帯数 1,234 × 100円 + 人口 3,210 × 50円 = 584,900円、千円未満切捨て 584,000円."""
    raw = (
        Decimal(parameters.base_yen)
        + Decimal(households) * Decimal(parameters.per_household_yen)
        + Decimal(population) * Decimal(parameters.per_resident_yen)
    )
    amount = parameters.amount(households=households, population=population)
    text = (
        f"基本額 {parameters.base_yen:,}円 + 世帯数 {households:,} × {parameters.per_household_yen:,}円"
        f" + 人口 {population:,} × {parameters.per_resident_yen:,}円 = {int(raw):,}円"
    )
    if parameters.rounding_unit_yen > 1:
        text += f"、{ROUNDING_LABELS[parameters.rounding_unit_yen]}"
    if parameters.cap_yen is not None:
        text += f"、上限 {parameters.cap_yen:,}円"
    return f"{text} → {amount:,}円"


def _year(fiscal_year: int | FiscalYear) -> int:
    return fiscal_year.year if isinstance(fiscal_year, FiscalYear) else int(fiscal_year)


def has_plan_in_force(community: Any, fiscal_year: int | FiscalYear) -> bool:
    """Uses ``community.plans_in_force`` when a query prefetched it (no query), else asks the database."""
    year = _year(fiscal_year)
    plans = getattr(community, "plans_in_force", None)
    if plans is None:
        plans = community.plans.filter(start_fiscal_year__lte=year, end_fiscal_year__gte=year)
    return any(plan.start_fiscal_year <= year <= plan.end_fiscal_year for plan in plans)


def eligible(program: Any, community: Any, fiscal_year: int | FiscalYear) -> tuple[bool, str]:
    """Whether the community may apply to the program in that fiscal year, and why (Japanese)."""
    forming = community.status == "forming"
    kind = program.eligibility
    if kind == "forming":
        if forming:
            return True, "設立準備中のため対象です。"
        return False, "設立済みのため対象外です(設立準備中の団体が対象です)。"
    if forming:
        return False, "設立前のため対象外です(設立済みの地域協働体が対象です)。"
    if kind == "established":
        return True, "設立済みのため対象です。"
    in_force = has_plan_in_force(community, fiscal_year)
    if kind == "no_plan":
        if in_force:
            return False, "この年度に有効な地域づくり計画があるため対象外です(活動費補助金の対象です)。"
        return True, "設立済みで、この年度に有効な地域づくり計画がないため対象です。"
    if kind == "plan":
        if in_force:
            return True, "この年度に有効な地域づくり計画があるため対象です。"
        return False, "この年度に有効な地域づくり計画がないため対象外です。"
    raise ValueError(f"unknown eligibility kind {kind!r}")
