"""Demo applications of five fiscal years in every state, so each screen has something real to show.

Built by ``building`` (the application window of a past year is closed, so the services would refuse
to submit them), which makes the objects each state implies and a timeline that follows the
workflow step by step. The demo chooses each application's story — an advance payment, an approved
change, a returned report, actuals under or over plan — and dates each step within its fiscal year.
Each application is recorded once in the audit log. Idempotent: an existing (program, community,
year) is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from kyodo.audit.services import record_event
from kyodo.demo.steps import demo_step
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.applications import building
from kyodo.grants.applications.workflow import ApplicationStatus
from kyodo.grants.models import (
    Application,
    Award,
    ExpenseLine,
    GrantProgram,
    ProgramRule,
    Settlement,
)
from kyodo.grants.programs import queries

S = ApplicationStatus
YEARS = 5  # the current fiscal year and the four before it

EARLY: list[str] = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.RECOMMENDED, S.AWARDED, S.REJECTED]
LATER: list[str] = [S.CHANGE_REQUESTED, S.REPORTED, S.REPORT_RETURNED, S.SETTLED, S.CLOSED]
# Older years are over: nearly everything closed, the odd application rejected.
OLD_STATES: list[str] = [S.CLOSED, S.CLOSED, S.REJECTED, S.CLOSED, S.CLOSED, S.CLOSED]
OLD_PER_YEAR = 6

# (month, day) of each action; "report" onwards fall at the end of the fiscal year (next March).
WHEN: dict[str, tuple[int, int]] = {
    "submit": (4, 20), "return": (4, 24), "recommend": (5, 12), "award": (6, 1), "reject": (6, 1),
    "pay_advance": (6, 20), "request_change": (9, 1), "approve_change": (9, 15), "report": (3, 5),
    "return_report": (3, 10), "settle": (3, 20), "pay_final": (3, 27), "refund": (3, 27),
}
DESCRIPTIONS = {
    "rentals": "会場使用料", "supplies": "資料印刷費", "honorarium": "講師謝金", "travel": "研修の旅費",
    "services": "保険料", "commissions": "業務委託料", "equipment": "備品購入費", "secretariat-wages": "事務局員の賃金",
}
PREFERRED_CATEGORIES = ("rentals", "supplies", "secretariat-wages", "travel")
PREFERRED = ("yamanome", "nagai")  # the demo accounts' community, and one in the demo branch

def _demo_user(username: str, **fields: Any) -> Any:
    """An account that only records who did what in the demo data: it cannot sign in."""
    from kyodo.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, **fields)
        user.set_unusable_password()
        user.save()
    return user


def _preparer(community: Any) -> Any:
    from kyodo.accounts.models import User

    existing = User.objects.filter(community=community, role="community_secretariat", is_active=True).first()
    return existing or _demo_user(f"demo-sec-{community.slug}", role="community_secretariat", community=community,
                                  display_name=f"{community.name} 事務局(デモ)")


def _reviewer(community: Any) -> Any:
    from kyodo.accounts.models import User

    branch = community.district.branch_office
    if branch.is_head_office:  # まちづくり推進課 reviews the 本庁 area; the demo's 本庁 reviewer when there is one
        honcho = User.objects.filter(username="honcho", role="city_admin", is_active=True).first()
        if honcho is not None:
            return honcho
    existing = User.objects.filter(role="branch_staff", branch_office=branch, is_active=True).order_by("pk").first()
    return existing or _demo_user(f"demo-branch-{branch.slug}", role="branch_staff", branch_office=branch,
                                  display_name=f"{branch.name} 職員(デモ)")


def _decider() -> Any:
    from kyodo.accounts.models import User

    return (User.objects.filter(username="city", role="city_admin").first()
            or User.objects.filter(role="city_admin", is_active=True).order_by("pk").first()
            or _demo_user("demo-city", role="city_admin", display_name="まちづくり推進課(デモ)"))


def _years() -> list[int]:
    """The current fiscal year and the four before it that have rules; while the current year
    has no rules yet, the five newest years that have them. Oldest first."""
    current = FiscalYear.current().year
    years = sorted(set(ProgramRule.objects.filter(fiscal_year__lte=current).values_list("fiscal_year", flat=True)))
    return years[-YEARS:]


def _states(position: int) -> list[str]:
    """The states of one year's applications, in the order the candidates take them; ``position``
    counts back from the newest year (0). The newest two years show every state, early ones first."""
    if position == 0:
        return _first([S.AWARDED, S.DRAFT], EARLY + LATER)
    if position == 1:
        return _first([S.CLOSED, S.SETTLED], EARLY + LATER[::-1] + [S.CLOSED, S.CLOSED])
    return OLD_STATES[:OLD_PER_YEAR]


def _first(leading: list[str], states: list[str]) -> list[str]:
    """``states`` with ``leading`` moved to the front: the demo accounts' community (first candidate) then has
    an awarded application waiting for its actuals report, a draft, and last year's settled and closed ones."""
    rest = list(states)
    for state in leading:
        rest.remove(state)
    return leading + rest


def _candidates(year: int) -> list[tuple[Any, GrantProgram, int]]:
    """(community, program, entitlement) for every eligible pair of the year, preferred communities first."""
    found = []
    for program in GrantProgram.objects.filter(code__in=["activity", "secretariat"]):
        for row in queries.entitlements(program, year):
            if row.eligible and row.amount_yen:
                found.append((row.community, program, row.amount_yen))

    def order(item: tuple[Any, GrantProgram, int]) -> tuple[int, str, str]:
        slug = item[0].slug
        return (PREFERRED.index(slug) if slug in PREFERRED else len(PREFERRED), slug, item[1].code)

    return sorted(found, key=order)


@demo_step(30)
@transaction.atomic
def create_demo_applications() -> int:
    """Applications in every state for the demo communities, for five fiscal years. Returns how many were created."""
    created = 0
    years = _years()
    for year in years:
        states = _states(len(years) - 1 - years.index(year))
        for index, (community, program, entitlement) in enumerate(_candidates(year)[: len(states)]):
            if Application.objects.filter(program=program, community=community, fiscal_year=year).exists():
                continue
            _Builder(community, program, year, states[index], entitlement, index + 1).build()
            created += 1
    return created


def _free_number(wanted: str) -> str:
    """``wanted``, or with a suffix if a decision or notice number made from it is taken (unique numbers)."""
    number, suffix = wanted, 1
    while (Award.objects.filter(decision_number=f"一協第{number}号").exists()
           or Settlement.objects.filter(notice_number=f"一協確第{number}号").exists()):
        suffix += 1
        number = f"{wanted}-{suffix}"
    return number


@dataclass
class _Builder:
    """One demo application: its story (detours chosen by ``number``), dates, objects and timeline."""

    community: Any
    program: GrantProgram
    year: int
    state: str
    entitlement: int
    number: int

    def __post_init__(self) -> None:
        self.rule = ProgramRule.objects.get(program=self.program, fiscal_year=self.year)
        self.cast = building.Cast(preparer=_preparer(self.community), reviewer=_reviewer(self.community),
                                  decider=_decider())
        awarded = "award" in building.PATHS[self.state]
        advance = awarded and self.rule.allows_advance_payment and self.number % 2 == 1
        late = self.state in (S.REPORTED, S.REPORT_RETURNED, S.SETTLED, S.CLOSED)
        self.story = building.Story(
            self.state,
            advance_percent=(100 if self.number % 4 == 1 else 50) if advance else 0,  # paid in full: a refund follows
            changed_percent=90 if late and self.number % 3 == 2 else 0,  # an approved change in the history
            report_returned_once=self.state in (S.SETTLED, S.CLOSED) and self.number % 4 == 3,
            actual_percent=(90, 100, 110)[self.number % 3],  # under plan, on plan, or over it within tolerance
        )
        self.schedule = self._dates(self.story.steps())

    def _each_line_yen(self) -> int:
        return min(self.entitlement // 2, 250_000) // 1000 * 1000

    def _dates(self, steps: list[str]) -> list[dt.datetime]:
        """Each step on its usual day of the fiscal year, after the previous step, never in the future."""
        today, last, moments = timezone.localdate(), dt.date(self.year, 4, 1), []
        for minute, action in enumerate(steps):
            month, day = WHEN[action]
            wanted = dt.date(self.year + (1 if month < 4 else 0), month, day)
            if wanted <= last:
                wanted = last + dt.timedelta(days=3)
            last = max(last, min(wanted, today))
            moments.append(_moment(last, minute))
        return moments

    def clock(self, action: str, index: int) -> dt.datetime:
        return self.schedule[index]

    def build(self) -> Application:
        categories = sorted(self.rule.eligible_categories.all(),
                            key=lambda c: (c.code not in PREFERRED_CATEGORIES, c.order, c.code))[:2]
        each = self._each_line_yen()
        plan = [(category, each, DESCRIPTIONS.get(category.code, category.name)) for category in categories]
        # A pending change asks for more, within the entitlement and the cap.
        story = replace(self.story, pending_change_yen=min(
            self.entitlement, self.rule.cap_yen or self.entitlement, each * len(plan) + 50_000))
        fields = self.story.application_fields(self.cast, self.clock)
        application = Application.objects.create(
            program=self.program, rule=self.rule, community=self.community, fiscal_year=self.year,
            title=f"{FiscalYear(self.year).wareki} {self.program.short_name or self.program.name}の事業",
            purpose="地域の防災訓練と見守り活動を行います。", prepared_by=self.cast.preparer,
            requested_yen=each * len(plan), **fields,
        )
        for order, (category, amount, description) in enumerate(plan, start=1):
            ExpenseLine.objects.create(application=application, category=category, order=order, amount_yen=amount,
                                       description=description)
        if self.schedule:  # drafted a week before it was submitted
            Application.objects.filter(pk=application.pk).update(
                created_at=self.schedule[0] - dt.timedelta(days=7))
        number = f"{self.year}-{self.number:03d}"
        building.save(building.build(
            application, story, self.cast, clock=self.clock, number=_free_number(number), lines=plan,
            eligible_ids={category.pk for category in categories},
        ))
        record_event(
            "grant_application.demo_created", actor=None, target=application,
            summary=f"デモデータ: {self.community.name} {self.program.name} {FiscalYear(self.year).wareki}"
            f"の申請({self.state})",
            data={"status": self.state, "program": self.program.code, "community": self.community.slug,
                  "fiscal_year": self.year},
        )
        return application


def _moment(on: dt.date, minute: int = 0) -> dt.datetime:
    """10:00 (local time) of the day, plus some minutes to keep the steps of one day in order; never later than now."""
    moment = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)) + dt.timedelta(minutes=minute))
    return min(moment, timezone.now())
