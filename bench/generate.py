"""Deterministic benchmark data at two scales: Ichinoseki (33 communities) and national (8,000).

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
    "city": {"branches": 8, "communities": 33},
    "national": {"branches": 400, "communities": 8000},
}
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
    for model in (Community, Officer, MemberOrganization, PlanInitiative):
        counts[model.__name__] = model.objects.count()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=sorted(SCALES), required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.scale)
    print(f"generated {args.scale} in {time.perf_counter() - started:.1f}s: {counts}")


if __name__ == "__main__":
    main()
