"""The grants ledger (台帳): what was requested, awarded, paid, refunded and settled.

Every function runs a constant number of queries however many applications there are:
payments are summed in correlated subqueries, award and settlement are one-to-one joins,
and totals are one aggregate over the same filtered set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from kyodo.communities.models import Community
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.applications.workflow import AWARDED_STATES, ApplicationStatus
from kyodo.grants.models import Application, GrantProgram, Payment, ProgramRule
from kyodo.grants.scopes import APPLICATIONS
from kyodo.text_search import normalize_for_search

PAID_KINDS = (Payment.Kind.ADVANCE, Payment.Kind.FINAL)
REFUND_KINDS = (Payment.Kind.REFUND,)

# The columns a ledger row is read from (one query for a page, with the annotations below).
ROW_FIELDS = (
    "pk", "fiscal_year", "status", "requested_yen", "title", "community__name", "community__slug",
    "community__district__branch_office__name", "program__code", "program__name", "awarded", "paid", "refunded",
    "settled", "balance", "award__decision_number", "award__decided_on", "settlement__settled_on", "last_paid_on",
)


def _payments(kinds: tuple[str, ...]) -> Coalesce:
    """The sum of an application's payments of ``kinds`` (0 if none), as a correlated subquery."""
    total = (
        Payment.objects.filter(application=OuterRef("pk"), kind__in=kinds)
        .order_by()
        .values("application")
        .annotate(total=Sum("amount_yen"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=BigIntegerField()), Value(0), output_field=BigIntegerField())


def with_money(applications: QuerySet[Application]) -> QuerySet[Application]:
    """``applications`` annotated with awarded, paid, refunded, settled and balance (None before settlement)."""
    return applications.annotate(
        awarded=F("award__amount_yen"),
        settled=F("settlement__settled_yen"),
        paid=_payments(PAID_KINDS),
        refunded=_payments(REFUND_KINDS),
        last_paid_on=Subquery(
            Payment.objects.filter(application=OuterRef("pk"), kind__in=PAID_KINDS).order_by("-paid_on", "-pk")
            .values("paid_on")[:1]
        ),
    ).annotate(
        balance=Case(
            When(settlement__isnull=False, then=F("paid") - F("refunded") - F("settled")),
            default=None,
            output_field=BigIntegerField(),
        )
    )


@dataclass(frozen=True)
class LedgerRow:
    """One application's money: requested, awarded, paid (advance + final), refunded, settled."""

    application_id: int
    fiscal_year: int
    status: str
    title: str
    community_name: str
    community_slug: str
    branch_name: str
    program_code: str
    program_name: str
    requested_yen: int
    awarded_yen: int | None
    paid_yen: int
    refunded_yen: int
    settled_yen: int | None
    balance_yen: int | None  # paid − refunded − settled, once settled
    decision_number: str = ""  # 交付決定番号
    decided_on: dt.date | None = None  # 交付決定日
    settled_on: dt.date | None = None  # 確定日
    last_paid_on: dt.date | None = None  # the latest payment's date (支払日)

    @property
    def status_label(self) -> str:
        return str(ApplicationStatus(self.status).label)

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @classmethod
    def of(cls, values: dict[str, Any]) -> LedgerRow:
        return cls(
            application_id=values["pk"],
            fiscal_year=values["fiscal_year"],
            status=values["status"],
            title=values["title"],
            community_name=values["community__name"],
            community_slug=values["community__slug"],
            branch_name=values["community__district__branch_office__name"] or "",
            program_code=values["program__code"],
            program_name=values["program__name"],
            requested_yen=values["requested_yen"] or 0,
            awarded_yen=values["awarded"],
            paid_yen=values["paid"] or 0,
            refunded_yen=values["refunded"] or 0,
            settled_yen=values["settled"],
            balance_yen=values["balance"],
            decision_number=values.get("award__decision_number") or "",
            decided_on=values.get("award__decided_on"),
            settled_on=values.get("settlement__settled_on"),
            last_paid_on=values.get("last_paid_on"),
        )


@dataclass(frozen=True)
class LedgerTotals:
    """Sums over a set of applications (not one page of it)."""

    count: int = 0
    requested_yen: int = 0
    awarded_yen: int = 0
    paid_yen: int = 0
    refunded_yen: int = 0
    settled_yen: int = 0
    balance_yen: int = 0

    def __add__(self, row: LedgerRow) -> LedgerTotals:
        return LedgerTotals(
            count=self.count + 1,
            requested_yen=self.requested_yen + row.requested_yen,
            awarded_yen=self.awarded_yen + (row.awarded_yen or 0),
            paid_yen=self.paid_yen + row.paid_yen,
            refunded_yen=self.refunded_yen + row.refunded_yen,
            settled_yen=self.settled_yen + (row.settled_yen or 0),
            balance_yen=self.balance_yen + (row.balance_yen or 0),
        )


def totals_of(applications: QuerySet[Application]) -> LedgerTotals:
    """The sums of ``applications`` (already annotated by :func:`with_money`), in one query."""
    sums = applications.order_by().aggregate(
        count=Count("pk"),
        requested_yen=Sum("requested_yen"),
        awarded_yen=Sum("awarded"),
        paid_yen=Sum("paid"),
        refunded_yen=Sum("refunded"),
        settled_yen=Sum("settled"),
        balance_yen=Sum("balance"),
    )
    return LedgerTotals(**{key: int(value or 0) for key, value in sums.items()})


@dataclass(frozen=True)
class LedgerFilters:
    """What the clerk narrowed the ledger to; empty strings mean "all"."""

    status: str = ""
    branch: str = ""  # a BranchOffice slug
    text: str = ""  # part of the community's name (kana and width folded)

    @classmethod
    def of(cls, params: Any) -> LedgerFilters:
        """Filters from a query dict; unknown or malformed values are dropped."""
        status = str(params.get("status", ""))
        return cls(
            status=status if status in ApplicationStatus.values else "",
            branch=str(params.get("branch", "")).strip()[:60],
            text=str(params.get("q", "")).strip()[:100],
        )

    def apply(self, applications: QuerySet[Application], *, with_status: bool = True) -> QuerySet[Application]:
        if self.status and with_status:
            applications = applications.filter(status=self.status)
        if self.branch:
            applications = applications.filter(community__district__branch_office__slug=self.branch)
        needle = normalize_for_search(self.text)
        if needle:
            applications = applications.filter(community__search_text__contains=needle)
        return applications


@dataclass
class Ledger:
    """A program's ledger for one fiscal year, as one user may see it, narrowed by ``filters``."""

    rule: ProgramRule
    filters: LedgerFilters
    applications: QuerySet[Application]  # filtered, annotated, ordered: page it, then rows_of()
    totals: LedgerTotals
    status_counts: dict[str, int] = field(default_factory=dict)

    @property
    def budget_yen(self) -> int:
        return int(self.rule.budget_yen)

    @property
    def budget_left_yen(self) -> int:
        return self.budget_yen - self.totals.awarded_yen


def rows_of(values: Any) -> list[LedgerRow]:
    """Ledger rows from (a page of) ``Ledger.applications``."""
    return [LedgerRow.of(item) for item in values]


def ledger(rule: ProgramRule, *, user: Any, filters: LedgerFilters | None = None) -> Ledger:
    """The ledger of ``rule``'s program and year over the applications ``user`` may see.

    Three queries when evaluated: the rows (per page), the totals and the count per state
    (the counts ignore the status filter, so the status select can show them)."""
    filters = filters or LedgerFilters()
    scoped = APPLICATIONS.queryset(user).filter(program_id=rule.program_id, fiscal_year=rule.fiscal_year)
    filtered = with_money(filters.apply(scoped))
    counts = filters.apply(scoped, with_status=False).order_by().values("status").annotate(count=Count("pk"))
    return Ledger(
        rule=rule,
        filters=filters,
        applications=filtered.order_by("community__name_kana", "community__name", "pk").values(*ROW_FIELDS),
        totals=totals_of(filtered),
        status_counts={row["status"]: row["count"] for row in counts},
    )


def rule_choices() -> list[ProgramRule]:
    """Every program's rules, for the program/year switcher (one query)."""
    return list(ProgramRule.objects.select_related("program").order_by("program__order", "program__code",
                                                                        "-fiscal_year"))


# ---- one community across years ------------------------------------------------------------


@dataclass
class HistoryYear:
    """One fiscal year of a community's history: its applications and their sums."""

    fiscal_year: FiscalYear
    rows: list[LedgerRow]
    totals: LedgerTotals


def community_history(community: Community, *, awarded_only: bool = False) -> list[HistoryYear]:
    """Every application of ``community`` (all programs), newest year first, grouped by year (one query).

    ``awarded_only`` keeps the applications that were awarded (the public view)."""
    applications = Application.objects.filter(community=community)
    if awarded_only:
        applications = applications.filter(status__in=AWARDED_STATES)
    values = with_money(applications).order_by("-fiscal_year", "program__order", "program__code", "pk")
    years: dict[int, HistoryYear] = {}
    for row in rows_of(values.values(*ROW_FIELDS)):
        year = years.setdefault(row.fiscal_year, HistoryYear(FiscalYear(row.fiscal_year), [], LedgerTotals()))
        year.rows.append(row)
        year.totals = year.totals + row
    return list(years.values())


# ---- public totals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramYearTotal:
    """A program's awards in one fiscal year, as published: how many, how much, and the budget."""

    program: GrantProgram
    fiscal_year: FiscalYear
    budget_yen: int
    award_count: int
    awarded_yen: int
    settled_yen: int


def public_program_totals() -> list[ProgramYearTotal]:
    """Per program and fiscal year, the awarded-or-later applications' totals (two queries)."""
    sums = {
        (row["program_id"], row["fiscal_year"]): row
        for row in Application.objects.filter(status__in=AWARDED_STATES)
        .order_by()
        .values("program_id", "fiscal_year")
        .annotate(count=Count("pk"), awarded=Sum("award__amount_yen"), settled=Sum("settlement__settled_yen"))
    }
    result = []
    for rule in ProgramRule.objects.select_related("program").order_by("-fiscal_year", "program__order",
                                                                        "program__code"):
        row = sums.get((rule.program_id, rule.fiscal_year), {})
        result.append(
            ProgramYearTotal(
                program=rule.program,
                fiscal_year=FiscalYear(rule.fiscal_year),
                budget_yen=int(rule.budget_yen),
                award_count=int(row.get("count") or 0),
                awarded_yen=int(row.get("awarded") or 0),
                settled_yen=int(row.get("settled") or 0),
            )
        )
    return result


@dataclass(frozen=True)
class PublicAward:
    """One community's award in a fiscal year, as published (no people, no drafts)."""

    community_name: str
    community_slug: str
    program_name: str
    fiscal_year: int
    awarded_yen: int
    settled_yen: int | None


def public_awards_query(fiscal_year: int, text: str = "") -> QuerySet[Application, Any]:
    """The awarded-or-later applications of ``fiscal_year`` by community, as rows for ``public_award``;
    ``text`` narrows to communities whose name matches (kana and width folded)."""
    rows = Application.objects.filter(status__in=AWARDED_STATES, fiscal_year=fiscal_year)
    needle = normalize_for_search(text)
    if needle:
        rows = rows.filter(community__search_text__contains=needle)
    return rows.order_by("community__name_kana", "community__name", "program__order", "program__code", "pk").values(
        "community__name", "community__slug", "program__name", "fiscal_year", "award__amount_yen",
        "settlement__settled_yen",
    )


def public_award(row: dict[str, Any]) -> PublicAward:
    return PublicAward(
        community_name=row["community__name"],
        community_slug=row["community__slug"],
        program_name=row["program__name"],
        fiscal_year=row["fiscal_year"],
        awarded_yen=int(row["award__amount_yen"] or 0),
        settled_yen=row["settlement__settled_yen"],
    )


def public_awards(fiscal_year: int) -> list[PublicAward]:
    """Every awarded-or-later application of ``fiscal_year``, by community (one query)."""
    return [public_award(row) for row in public_awards_query(fiscal_year)]


def public_years() -> list[int]:
    """The fiscal years that have a rule, newest first (one query)."""
    return list(ProgramRule.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())

