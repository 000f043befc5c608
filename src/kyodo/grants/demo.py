"""Demo applications in every state, so each demo account has something to look at.

Built directly (the application window of a past year is closed, so the services would refuse
to submit them); each path of the timeline is written as Transition rows, each application is
recorded in the audit log. Idempotent: an existing (program, community, year) is left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from kyodo.audit.services import record_event
from kyodo.fiscal_years import FiscalYear
from kyodo.grants import queries
from kyodo.grants.models import Application, Award, ExpenseLine, GrantProgram, ProgramRule, Transition
from kyodo.grants.workflow import ACTION_TARGETS, ApplicationStatus

PATHS: dict[str, list[str]] = {
    ApplicationStatus.DRAFT: [],
    ApplicationStatus.SUBMITTED: ["submit"],
    ApplicationStatus.RETURNED: ["submit", "return"],
    ApplicationStatus.RECOMMENDED: ["submit", "recommend"],
    ApplicationStatus.AWARDED: ["submit", "recommend", "award"],
    ApplicationStatus.REJECTED: ["submit", "recommend", "reject"],
}
COMMENTS = {
    "return": "見積書を添付してください。",
    "reject": "補助対象となる事業が含まれていないため。",
}
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
    existing = User.objects.filter(role="branch_staff", branch_office=branch, is_active=True).order_by("pk").first()
    return existing or _demo_user(f"demo-branch-{branch.slug}", role="branch_staff", branch_office=branch,
                                  display_name=f"{branch.name} 職員(デモ)")


def _decider() -> Any:
    from kyodo.accounts.models import User

    return (User.objects.filter(username="city", role="city_admin").first()
            or User.objects.filter(role="city_admin", is_active=True).order_by("pk").first()
            or _demo_user("demo-city", role="city_admin", display_name="まちづくり推進課(デモ)"))


def _years() -> list[int]:
    """The current and previous fiscal year; while the current year has no rules yet, the two
    newest years that have them."""
    current = FiscalYear.current().year
    years = sorted(set(ProgramRule.objects.filter(fiscal_year__lte=current).values_list("fiscal_year", flat=True)))
    return years[-2:]


def _candidates(year: int) -> list[tuple[Any, GrantProgram, int]]:
    """(community, program, entitlement) for every eligible pair of the year, preferred communities first."""
    found = []
    for program in GrantProgram.objects.filter(code__in=["activity", "secretariat"]):
        for row in queries.entitlements(program, year):
            if row.eligible and row.amount_yen:
                found.append((row.community, program, row.amount_yen))

    def order(item: tuple[Any, GrantProgram, int]) -> tuple[int, str]:
        slug = item[0].slug
        return (PREFERRED.index(slug) if slug in PREFERRED else len(PREFERRED), slug)

    return sorted(found, key=order)


@transaction.atomic
def create_demo_applications() -> int:
    """Applications in every state for the demo communities, for two fiscal years. Returns how many were created."""
    created = 0
    states = [state for state in ApplicationStatus if state in PATHS]
    for shift, year in enumerate(_years()):
        candidates = _candidates(year)
        for index, (community, program, entitlement) in enumerate(candidates[: len(states)]):
            state = states[(index + shift * 3) % len(states)]
            if Application.objects.filter(program=program, community=community, fiscal_year=year).exists():
                continue
            _create(community, program, year, state, entitlement, number=f"一協第{year}-{index + 1:03d}号")
            created += 1
    return created


def _create(community: Any, program: GrantProgram, year: int, state: str, entitlement: int, *, number: str) -> None:
    rule = ProgramRule.objects.get(program=program, fiscal_year=year)
    preparer = _preparer(community)
    each = min(entitlement // 2, 250_000) // 1000 * 1000
    categories = list(rule.eligible_categories.all()[:2])
    descriptions = ["会場使用料", "資料印刷費"] if categories else []
    application = Application.objects.create(
        program=program, rule=rule, community=community, fiscal_year=year, status=ApplicationStatus.DRAFT,
        title=f"{FiscalYear(year).wareki} {program.short_name or program.name}の事業",
        purpose="地域の防災訓練と見守り活動を行います。", prepared_by=preparer, requested_yen=each * len(descriptions),
    )
    for order, description in enumerate(descriptions, start=1):
        ExpenseLine.objects.create(application=application, category=categories[(order - 1) % len(categories)],
                                   description=description, amount_yen=each, order=order)
    actors = {"submit": preparer, "return": _reviewer(community), "recommend": _reviewer(community),
              "award": _decider(), "reject": _decider()}
    status = ApplicationStatus.DRAFT
    for action in PATHS[state]:
        target = ACTION_TARGETS[action]
        Transition.objects.create(application=application, from_status=status, to_status=target, action=action,
                                  actor=actors[action], comment=COMMENTS.get(action, ""))
        status = target
    application.status = state
    application.submitted_at = timezone.now() if PATHS[state] else None
    application.recommended_by = actors["recommend"] if "recommend" in PATHS[state] else None
    application.save(update_fields=["status", "submitted_at", "recommended_by"])
    if state == ApplicationStatus.AWARDED:
        Award.objects.create(application=application, amount_yen=application.requested_yen, decision_number=number,
                             decided_on=max(rule.application_closes_on, dt.date(year, 6, 1)),
                             decided_by=actors["award"], conditions="実績報告書を期限までに提出すること。")
    record_event(
        "grant_application.demo_created", actor=None, target=application,
        summary=f"デモデータ: {community.name} {program.name} {FiscalYear(year).wareki}の申請({state})",
        data={"status": state, "program": program.code, "community": community.slug, "fiscal_year": year},
    )
