"""Deterministic benchmark data at two scales: Ichinoseki (33 communities) and national (8,000).
from kyodo.grants.applications import amounts

Usage: python -m bench.generate --scale city|national   (the database comes from the usual settings:
KYODO_SQLITE_PATH or DATABASE_URL). Everything is created in one transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyodo.settings")

SCALES = {
    "city": {"branches": 8, "communities": 33, "grant_programs": ["founding", "startup", "activity", "secretariat"]},
    "national": {"branches": 400, "communities": 8000, "grant_programs": ["activity", "secretariat"]},
}
GRANT_YEARS = [2022, 2023, 2024, 2025, 2026]  # five fiscal years of applications, the newest in every state
SURNAMES = ["佐藤", "鈴木", "高橋", "千葉", "菅原", "小野寺", "阿部", "佐々木", "及川", "伊藤", "熊谷", "村上"]
GIVEN = ["一郎", "花子", "健", "美和", "誠", "幸子", "浩", "恵子", "修", "由美"]


def generate(scale: str, seed: int = 2019) -> dict[str, int]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from kyodo.communities.models import (
        BranchOffice,
        Community,
        CommunityPlan,
        District,
        DistrictFigure,
        MemberOrganization,
        Officer,
        PlanGoal,
        PlanInitiative,
    )
    from kyodo.plans.loading import load_promotion_plans
    from kyodo.text_search import normalize_for_search

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(seed)
    size = SCALES[scale]
    counts: dict[str, int] = {}
    with transaction.atomic():
        load_promotion_plans()
        branches = BranchOffice.objects.bulk_create(
            BranchOffice(name=f"第{i}支所", slug=f"b{i}", area_name=f"第{i}地域", order=i, is_head_office=i == 0)
            for i in range(size["branches"])
        )
        districts = District.objects.bulk_create(
            District(name=f"地区{i:05d}", name_kana=f"ちく{i}", branch_office=branches[i % len(branches)],
                     citizen_center_name=f"地区{i:05d}市民センター", order=i)
            for i in range(size["communities"])
        )
        DistrictFigure.objects.bulk_create(
            DistrictFigure(district=d, fiscal_year=fy, population=rng.randint(800, 9000),
                           households=rng.randint(300, 3500), source="ベンチマーク")
            for d in districts for fy in range(2019, 2024)
        )
        communities = []
        for i, district in enumerate(districts):
            name = f"ベンチ{i:05d}地域協働体"
            communities.append(Community(
                name=name, name_kana=f"べんち{i}ちいききょうどうたい", slug=f"c{i:05d}", district=district,
                status="established", founded_on=dt.date(2015, 4, 1) + dt.timedelta(days=i % 700),
                description="ベンチマーク用の地域協働体です。" * 3,
                search_text=normalize_for_search(f"{name} べんち{i}ちいききょうどうたい {district.name}"),
            ))
        communities = Community.objects.bulk_create(communities, batch_size=2000)
        positions = ["chair", "vice_chair", "secretary_general", "treasurer", "auditor"]
        Officer.objects.bulk_create(
            (Officer(community=c, position=p, name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                     age_band=rng.choice(["50s", "60s", "70s", "80_over"]),
                     term_start=dt.date(2024, 4, 1), term_end=dt.date(2026, 3, 31))
             for c in communities for p in positions), batch_size=5000)
        MemberOrganization.objects.bulk_create(
            (MemberOrganization(community=c, name=f"第{k}自治会", kind="neighbourhood")
             for c in communities for k in range(1, 7)), batch_size=5000)
        plans = CommunityPlan.objects.bulk_create(
            (CommunityPlan(community=c, title=f"{c.name} 地域づくり計画", start_fiscal_year=2021,
                           end_fiscal_year=2025, vision="みんなで支え合う地域", adopted_on=dt.date(2021, 3, 1))
             for c in communities), batch_size=5000)
        goals = PlanGoal.objects.bulk_create(
            (PlanGoal(plan=p, order=k, title=f"目標{k}") for p in plans for k in range(1, 4)), batch_size=5000)
        PlanInitiative.objects.bulk_create(
            (PlanInitiative(plan=g.plan, goal=g, fiscal_year=fy, title=f"取組 {g.order}-{fy}")
             for g in goals for fy in range(2021, 2026)), batch_size=5000)
        _grants(size["grant_programs"], branches, communities)
        from bench.dialogue import generate_opinions

        generate_opinions(communities)
        from bench.support import generate_support

        generate_support(communities)
        from bench.participation import generate_participation

        generate_participation(communities)
        from bench.practice import generate_practice

        generate_practice(communities)
        from bench.companies import generate_audit_log, generate_companies

        generate_companies(communities)
        generate_audit_log()
    from kyodo.audit.models import AuditEvent
    from kyodo.companies.models import Partnership
    from kyodo.grants.models import ActualLine, Application, ExpenseLine, Payment, Settlement, Transition
    from kyodo.participation.models import Opportunity, Signup
    from kyodo.practice.models import PracticeReport

    for model in (Community, Officer, MemberOrganization, PlanInitiative, Application, ExpenseLine, ActualLine,
                  Settlement, Payment, Transition, Opportunity, Signup, PracticeReport, Partnership, AuditEvent):
        counts[model.__name__] = model.objects.count()
    return counts


def _grants(program_codes: list[str], branches: list, communities: list) -> None:
    """Programs and rules from the data file, then for every community and program one application per
    fiscal year (GRANT_YEARS): the newest year cycles through every state, the one before through the
    later states, older years are closed (every seventh rejected). Built by ``kyodo.grants.applications.building`` (the
    builder of the demo and the tests) and saved with bulk_create: each state's objects and timeline, an
    advance payment for odd applications where the rule allows it, actuals at 90/100/110 % of the plan, and
    the settlement and final payment or refund, so for a closed application advance + final − refund = settled."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from kyodo.accounts.models import User
    from kyodo.grants.applications import building
    from kyodo.grants.applications.workflow import ApplicationStatus
    from kyodo.grants.models import (
        Application,
        ExpenseLine,
        GrantProgram,
        ProgramRule,
    )
    from kyodo.grants.programs.loading import load_grant_programs

    S = ApplicationStatus
    load_grant_programs()
    password = make_password(None)
    city = User.objects.create(username="bench-city", role="city_admin", display_name="ベンチ 市職員",
                               password=password)
    reviewers = {b.pk: User(username=f"bench-branch-{b.slug}", role="branch_staff", branch_office=b,
                            display_name=f"{b.name} 職員", password=password) for b in branches}
    User.objects.bulk_create(reviewers.values(), batch_size=2000)
    preparers = User.objects.bulk_create(
        (User(username=f"bench-sec-{c.slug}", role="community_secretariat", community=c,
              display_name=f"{c.name} 事務局", password=password) for c in communities), batch_size=2000)
    branch_of = {d.pk: d.branch_office_id for d in (c.district for c in communities)}
    programs = list(GrantProgram.objects.filter(code__in=program_codes).order_by("order"))
    rules = {(r.program_id, r.fiscal_year): r
             for r in ProgramRule.objects.filter(program__in=programs, fiscal_year__in=GRANT_YEARS)
             .prefetch_related("eligible_categories")}
    every = list(building.PATHS)
    later = [S.CHANGE_REQUESTED, S.REPORTED, S.REPORT_RETURNED, S.SETTLED, S.CLOSED, S.CLOSED, S.CLOSED]
    tz = timezone.get_current_timezone()
    now = timezone.now()

    def moment(year: int, month: int, day: int, minute: int = 0):
        at = dt.datetime(year + (month < 4), month, day, 10, minute, tzinfo=tz)
        return min(at, now)

    when = {"submit": (4, 20), "recommend": (5, 12), "award": (6, 1), "reject": (6, 1), "return": (4, 24),
            "pay_advance": (6, 20), "request_change": (9, 1), "report": (3, 5), "return_report": (3, 10),
            "settle": (3, 20), "pay_final": (3, 27), "refund": (3, 27)}
    applications: list = []
    plans: list = []  # (application, rule, state, number, [(category, planned)])
    number = 0
    for position, year in enumerate(reversed(GRANT_YEARS)):
        for k, community in enumerate(communities):
            for p, program in enumerate(programs):
                number += 1
                rule = rules[(program.pk, year)]
                if position == 0:
                    state = every[(k + p) % len(every)]
                elif position == 1:
                    state = later[(k + p) % len(later)]
                else:
                    state = S.REJECTED if (k + p + year) % 7 == 0 else S.CLOSED
                categories = sorted(rule.eligible_categories.all(), key=lambda c: (c.order, c.code))[:3]
                lines = [(c, (60 + (number * 7 + i * 13) % 140) * 1000) for i, c in enumerate(categories)]
                # Odd applications were paid in advance (where the rule allows it); actuals at 90/100/110 %.
                story = building.Story(state, advance_percent=50 if rule.allows_advance_payment and number % 2 else 0,
                                       actual_percent=(90, 100, 110)[number % 3], with_receipt=False)
                cast = building.Cast(preparer=preparers[k], reviewer=reviewers[branch_of[community.district_id]],
                                     decider=city)
                applications.append(Application(
                    program=program, rule=rule, community=community, fiscal_year=year,
                    title=f"{year}年度 {program.short_name or program.name}の事業",
                    purpose="地域の防災訓練と見守り活動を行います。", prepared_by=preparers[k],
                    requested_yen=sum(amount for _c, amount in lines),
                    **story.application_fields(cast, lambda action, index, year=year: moment(year, *when[action])),
                ))
                plans.append((rule, story, cast, lines))
    applications = Application.objects.bulk_create(applications, batch_size=2000)
    ExpenseLine.objects.bulk_create(
        (ExpenseLine(application=application, category=c, order=i, amount_yen=amount, description=c.name)
         for application, (_rule, _story, _n, lines) in zip(applications, plans, strict=True)
         for i, (c, amount) in enumerate(lines, start=1)), batch_size=5000)
    builts = []
    for application, (rule, story, cast, lines) in zip(applications, plans, strict=True):
        year = application.fiscal_year
        builts.append(building.build(
            application, story, cast, clock=lambda action, index, year=year: moment(year, *when[action], index),
            number=f"{year}-{application.pk:06d}", lines=[(c, amount, c.name) for c, amount in lines],
            eligible_ids={c.pk for c in rule.eligible_categories.all()},
        ))
    building.bulk_save(builts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=sorted(SCALES), required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.scale)
    print(f"generated {args.scale} in {time.perf_counter() - started:.1f}s: {counts}")


if __name__ == "__main__":
    main()
