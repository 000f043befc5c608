"""Demo applications of five fiscal years in every state, so each screen has something real to show.

Built directly (the application window of a past year is closed, so the services would refuse
to submit them), with the objects each state implies: award, advance payment, change requests,
actuals report with its lines and a receipt, settlement, final payment or refund. Each path of
the timeline is written as Transition rows that follow ``APPLICATION_WORKFLOW`` step by step, dated
within the fiscal year; each application is recorded once in the audit log. The money follows
the services' own arithmetic (``amounts.settlement_figures``), so for a closed application
advance + final − refund = settled. Idempotent: an existing (program, community, year) is left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kyodo.audit.services import record_event
from kyodo.fiscal_years import FiscalYear
from kyodo.grants import queries
from kyodo.grants.models import (
    ActualLine,
    ActualsReport,
    Application,
    Attachment,
    Award,
    ChangeRequest,
    ExpenseLine,
    GrantProgram,
    Payment,
    ProgramRule,
    Settlement,
    Transition,
)
from kyodo.grants.workflow import APPLICATION_WORKFLOW, ApplicationStatus

S = ApplicationStatus
YEARS = 5  # the current fiscal year and the four before it

# The road to each state without the optional detours (advance payment, change, returned report).
PATHS: dict[str, list[str]] = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.RETURNED: ["submit", "return"],
    S.RECOMMENDED: ["submit", "recommend"],
    S.AWARDED: ["submit", "recommend", "award"],
    S.REJECTED: ["submit", "recommend", "reject"],
    S.CHANGE_REQUESTED: ["submit", "recommend", "award", "request_change"],
    S.REPORTED: ["submit", "recommend", "award", "report"],
    S.REPORT_RETURNED: ["submit", "recommend", "award", "report", "return_report"],
    S.SETTLED: ["submit", "recommend", "award", "report", "settle"],
    S.CLOSED: ["submit", "recommend", "award", "report", "settle", "pay_final"],
}
EARLY: list[str] = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.RECOMMENDED, S.AWARDED, S.REJECTED]
LATER: list[str] = [S.CHANGE_REQUESTED, S.REPORTED, S.REPORT_RETURNED, S.SETTLED, S.CLOSED]
# Older years are over: nearly everything closed, the odd application rejected.
OLD_STATES: list[str] = [S.CLOSED, S.CLOSED, S.REJECTED, S.CLOSED, S.CLOSED, S.CLOSED]
OLD_PER_YEAR = 6

COMMENTS = {
    "return": "見積書を添付してください。",
    "reject": "補助対象となる事業が含まれていないため。",
    "request_change": "参加者の減少に伴い事業を縮小するため。",
    "approve_change": "変更内容は妥当と認めます。",
    "return_report": "領収書の金額と明細が一致しないため、確認してください。",
}
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
REFERENCES: dict[str, str] = {"advance": "支出命令", "final": "支出命令", "refund": "調定"}
PREFERRED_CATEGORIES = ("rentals", "supplies", "secretariat-wages", "travel")
PREFERRED = ("yamanome", "nagai")  # the demo accounts' community, and one in the demo branch

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


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


def _free(model: type[Any], field: str, wanted: str) -> str:
    """``wanted``, or ``wanted`` with a suffix if another row already has it (unique numbers)."""
    number, suffix = wanted, 1
    while model.objects.filter(**{field: number}).exists():
        suffix += 1
        number = f"{wanted[:-1]}-{suffix}号" if wanted.endswith("号") else f"{wanted}-{suffix}"
    return number


@dataclass
class _Builder:
    """One demo application: its path (with detours chosen by ``number``), objects and timeline."""

    community: Any
    program: GrantProgram
    year: int
    state: str
    entitlement: int
    number: int

    def __post_init__(self) -> None:
        self.rule = ProgramRule.objects.get(program=self.program, fiscal_year=self.year)
        self.preparer = _preparer(self.community)
        self.reviewer = _reviewer(self.community)
        self.decider = _decider()
        self.today = timezone.localdate()
        self.last = dt.date(self.year, 4, 1)
        self.awarded = self.state in PATHS and "award" in PATHS[self.state]
        self.advance = self.awarded and self.rule.allows_advance_payment and self.number % 2 == 1
        self.full_advance = self.advance and self.number % 4 == 1  # paid in full, so a refund follows
        late = self.state in (S.REPORTED, S.REPORT_RETURNED, S.SETTLED, S.CLOSED)
        self.changed = late and self.number % 3 == 2  # an approved change in the history
        self.report_returned_once = self.state in (S.SETTLED, S.CLOSED) and self.number % 4 == 3

    # ---- the path -------------------------------------------------------------------------

    def path(self) -> list[str]:
        steps = list(PATHS[self.state])
        if self.advance:
            steps.insert(steps.index("award") + 1, "pay_advance")
        if self.changed:
            steps.insert(steps.index("report"), "request_change")
            steps.insert(steps.index("report"), "approve_change")
        if self.report_returned_once:
            at = steps.index("report") + 1
            steps[at:at] = ["return_report", "report"]
        return steps

    def when(self, action: str) -> dt.date:
        """The step's date: its usual day of the fiscal year, after the previous step, never in the future."""
        month, day = WHEN[action]
        wanted = dt.date(self.year + (1 if month < 4 else 0), month, day)
        if wanted <= self.last:
            wanted = self.last + dt.timedelta(days=3)
        self.last = max(self.last, min(wanted, self.today))
        return self.last

    # ---- building -------------------------------------------------------------------------

    def build(self) -> Application:
        application = self._application()
        steps = self.path()
        dates = [self.when(action) for action in steps]
        on = dict(zip(steps, dates, strict=True))  # the last date of each action
        if self.awarded:
            award = self._award(application, on["award"])
            if self.advance:
                amount = award.amount_yen if self.full_advance else award.amount_yen // 2 // 1000 * 1000
                self._pay(application, Payment.Kind.ADVANCE, amount, on["pay_advance"])
            if self.state == S.CHANGE_REQUESTED:
                self._change(application, award, on["request_change"], approved_on=None)
            if self.changed:
                self._change(application, award, on["request_change"], approved_on=on["approve_change"])
            if "report" in steps:
                self._report(application, on["report"])
            if "settle" in steps:
                self._settle_and_close(application, on)
        self._timeline(application, steps, dates)
        record_event(
            "grant_application.demo_created", actor=None, target=application,
            summary=f"デモデータ: {self.community.name} {self.program.name} {FiscalYear(self.year).wareki}"
            f"の申請({self.state})",
            data={"status": self.state, "program": self.program.code, "community": self.community.slug,
                  "fiscal_year": self.year},
        )
        return application

    def _application(self) -> Application:
        each = min(self.entitlement // 2, 250_000) // 1000 * 1000
        eligible = list(self.rule.eligible_categories.all())
        categories = sorted(eligible, key=lambda c: (c.code not in PREFERRED_CATEGORIES, c.order, c.code))[:2]
        application = Application.objects.create(
            program=self.program, rule=self.rule, community=self.community, fiscal_year=self.year,
            status=self.state,
            title=f"{FiscalYear(self.year).wareki} {self.program.short_name or self.program.name}の事業",
            purpose="地域の防災訓練と見守り活動を行います。", prepared_by=self.preparer,
            requested_yen=each * len(categories),
        )
        for order, category in enumerate(categories, start=1):
            ExpenseLine.objects.create(application=application, category=category, order=order, amount_yen=each,
                                       description=DESCRIPTIONS.get(category.code, category.name))
        return application

    def _award(self, application: Application, on: dt.date) -> Award:
        return Award.objects.create(
            application=application, amount_yen=application.requested_yen, decided_on=on, decided_by=self.decider,
            decision_number=_free(Award, "decision_number", f"一協第{self.year}-{self.number:03d}号"),
            conditions="実績報告書を期限までに提出すること。",
        )

    def _pay(self, application: Application, kind: str, amount: int, on: dt.date) -> None:
        if amount > 0:
            Payment.objects.create(application=application, kind=kind, amount_yen=amount, paid_on=on,
                                   reference=f"{REFERENCES[kind]}第{self.year}-{self.number:03d}号",
                                   recorded_by=self.decider)

    def _change(self, application: Application, award: Award, on: dt.date, *, approved_on: dt.date | None) -> None:
        """A pending change (more money, within the entitlement), or an approved one (less money)."""
        previous = award.amount_yen
        if approved_on is None:
            requested = min(self.entitlement, self.rule.cap_yen or self.entitlement, previous + 50_000)
            reason, description = "参加者が増える見込みのため。", "会場を広い施設に変更します。"
        else:
            requested = previous * 9 // 10 // 1000 * 1000
            reason, description = COMMENTS["request_change"], "講演会を1回取りやめます。"
        change = ChangeRequest.objects.create(
            application=application, reason=reason, description=description, previous_amount_yen=previous,
            requested_amount_yen=requested, requested_by=self.preparer,
        )
        ChangeRequest.objects.filter(pk=change.pk).update(requested_at=_moment(on))
        if approved_on is not None:
            ChangeRequest.objects.filter(pk=change.pk).update(
                status=ChangeRequest.Status.APPROVED, decided_by=self.decider, decided_at=_moment(approved_on),
                decision_comment=COMMENTS["approve_change"],
            )
            award.amount_yen = requested
            award.save(update_fields=["amount_yen"])

    def _report(self, application: Application, on: dt.date) -> None:
        """The actuals: under plan, on plan, or over it (within the rule's tolerance), by ``number``."""
        report = ActualsReport.objects.create(
            application=application, summary="防災訓練を2回、見守り活動を毎月実施しました。",
            outcomes="延べ150人が参加しました。", submitted_at=_moment(on),
        )
        factor = (90, 100, 110)[self.number % 3]
        for line in application.lines.all():
            ActualLine.objects.create(report=report, category=line.category, description=line.description,
                                      amount_yen=line.amount_yen * factor // 100, order=line.order)
        receipt = Attachment(application=application, kind=Attachment.Kind.RECEIPT, original_name="領収書.pdf",
                             content_type="application/pdf", size_bytes=len(MINIMAL_PDF),
                             sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(), uploaded_by=self.preparer)
        receipt.file.save("receipt.pdf", ContentFile(MINIMAL_PDF), save=False)
        receipt.save()

    def _settle_and_close(self, application: Application, on: dict[str, dt.date]) -> None:
        from kyodo.grants.amounts import settlement_figures

        figures = settlement_figures(application)
        Settlement.objects.create(
            application=application, award_yen=figures.award_yen, actual_total_yen=figures.actual_total_yen,
            eligible_actuals_yen=figures.eligible_actuals_yen, settled_yen=figures.settled_yen,
            notice_number=_free(Settlement, "notice_number", f"一協確第{self.year}-{self.number:03d}号"),
            settled_on=on["settle"], settled_by=self.decider,
        )
        if self.state == S.CLOSED:
            closing = "refund" if figures.balance_yen < 0 else "pay_final"
            kind = Payment.Kind.REFUND if closing == "refund" else Payment.Kind.FINAL
            self._pay(application, kind, abs(figures.balance_yen), on["pay_final"])

    def _timeline(self, application: Application, steps: list[str], dates: list[dt.date]) -> None:
        actors = {"community": self.preparer, "reviewer": self.reviewer, "decider": self.decider}
        if self.state == S.CLOSED and Payment.objects.filter(application=application, kind="refund").exists():
            steps = [*steps[:-1], "refund"]
        status = S.DRAFT
        for minute, (action, on) in enumerate(zip(steps, dates, strict=True)):
            step = APPLICATION_WORKFLOW.action(action)
            if not step.starts_from(status):  # the demo follows the workflow, or it is a bug
                raise RuntimeError(f"demo path: {action} cannot start from {status}")
            target = step.target
            transition = Transition.objects.create(
                application=application, from_status=status, to_status=target, action=action,
                actor=actors[step.role], comment=COMMENTS.get(action, ""),
            )
            Transition.objects.filter(pk=transition.pk).update(occurred_at=_moment(on, minute))
            status = target
        if status != self.state:
            raise RuntimeError(f"demo path ends in {status}, not {self.state}")
        fields: dict[str, Any] = {}
        if steps:
            fields["submitted_at"] = _moment(dates[steps.index("submit")])
            fields["created_at"] = _moment(dates[0] - dt.timedelta(days=7))  # drafted a week before
        if "recommend" in steps:
            fields["recommended_by"] = self.reviewer
        if fields:
            Application.objects.filter(pk=application.pk).update(**fields)


def _moment(on: dt.date, minute: int = 0) -> dt.datetime:
    """10:00 (local time) of the day, plus some minutes to keep the steps of one day in order; never later than now."""
    moment = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)) + dt.timedelta(minutes=minute))
    return min(moment, timezone.now())
