"""Fictional content for the demo: officers, member organisations and a plan for every community.

Every person here is invented: names are drawn from a fixed list of common surnames and given
names. Ages lean to the 60s and 70s, as the seed describes (各種団体の役員の高齢化).
Deterministic (seeded by the community's slug) and idempotent: a community that already has
officers, member organisations or a plan keeps them.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from kyodo.communities.models import (
    AgeBand,
    Community,
    CommunityPlan,
    MemberOrganization,
    Officer,
    PlanGoal,
    PlanInitiative,
    PlanRevision,
)
from kyodo.demo.steps import demo_step

SURNAMES = (
    "佐藤", "千葉", "菅原", "佐々木", "小野寺", "阿部", "鈴木", "高橋", "熊谷", "及川",
    "伊藤", "村上", "畠山", "岩渕", "藤野", "小山", "金野", "菊池", "昆野", "三浦",
)
GIVEN_NAMES = (
    "一郎", "和夫", "清", "勝男", "幸子", "節子", "正", "弘子", "茂", "洋子",
    "健一", "恵子", "博", "京子", "誠", "典子", "悟", "由美子", "実", "久美子",
)
# Weights of the age bands officers are drawn from: mostly 60s and 70s.
AGE_WEIGHTS = {
    AgeBand.AGE_40S: 4, AgeBand.AGE_50S: 10, AgeBand.AGE_60S: 40, AgeBand.AGE_70S: 38, AgeBand.AGE_80_OVER: 8,
}
POSITIONS = (
    Officer.Position.CHAIR, Officer.Position.VICE_CHAIR, Officer.Position.VICE_CHAIR,
    Officer.Position.SECRETARY_GENERAL, Officer.Position.TREASURER, Officer.Position.AUDITOR,
    Officer.Position.AUDITOR,
)
TERM_START, TERM_END = dt.date(2026, 4, 1), dt.date(2028, 3, 31)
ORGANIZATIONS = (
    ("{d}第一自治会", MemberOrganization.Kind.NEIGHBOURHOOD),
    ("{d}第二自治会", MemberOrganization.Kind.NEIGHBOURHOOD),
    ("{d}第三自治会", MemberOrganization.Kind.NEIGHBOURHOOD),
    ("{d}老人クラブ連合会", MemberOrganization.Kind.SENIORS),
    ("{d}小学校PTA", MemberOrganization.Kind.PTA),
    ("{d}子ども会育成会", MemberOrganization.Kind.PTA),
    ("{d}女性の会", MemberOrganization.Kind.WOMEN),
    ("{d}自主防災会", MemberOrganization.Kind.SAFETY),
    ("{d}青年会", MemberOrganization.Kind.YOUTH),
    ("{d}商工振興会", MemberOrganization.Kind.BUSINESS),
    ("{d}ボランティアの会", MemberOrganization.Kind.NPO),
)
VISIONS = (
    "みんなで支え合い、笑顔があふれる住みよい{d}",
    "自然と歴史を未来へつなぐ、元気な{d}",
    "子どもから高齢者まで、誰もが安心して暮らせる{d}",
    "人がつながり、世代をこえて活躍できる{d}",
)
GOALS = (
    ("安全・安心な地域づくり", ("自主防災訓練の実施", "高齢者の見守り活動", "通学路の安全点検")),
    ("健康で生きがいのある地域づくり", ("健康教室の開催", "いきいきサロンの運営", "地区民運動会の開催")),
    ("次世代を担う人づくり", ("子ども郷土学習会", "若者と地域の意見交換会", "中高生ボランティアの受入れ")),
    ("地域資源を活かした交流", ("地区まつりの開催", "産直・特産品の発信", "伝統芸能の継承活動")),
    ("美しく住みよい環境づくり", ("花いっぱい運動", "河川清掃活動", "空き家の実態調査")),
)
DESCRIPTIONS = (
    "{d}地区の自治会や各種団体が円卓会議を構成し、地域づくり計画に基づいて活動しています。(デモデータ)",
    "{d}市民センターを拠点に、防災・福祉・交流の事業に取り組んでいます。(デモデータ)",
)


@demo_step(10)
def create_demo_content() -> None:
    """Add fictional officers, 4–8 member organisations and a plan to every community lacking them."""
    with transaction.atomic():
        for community in Community.objects.select_related("district").prefetch_related(
            "officers", "member_organizations", "plans"
        ):
            _fill(community)


def _fill(community: Community) -> None:
    rng = random.Random(community.slug)  # noqa: S311 - demo content, deterministic per community
    district = community.district.name
    if not community.description:
        community.description = rng.choice(DESCRIPTIONS).format(d=district)
        community.save(update_fields=["description"])
    if not community.officers.all():
        for position in POSITIONS:
            Officer.objects.create(
                community=community, position=position,
                name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}",
                age_band=rng.choices(list(AGE_WEIGHTS), weights=list(AGE_WEIGHTS.values()))[0],
                term_start=TERM_START, term_end=TERM_END,
            )
    if not community.member_organizations.all():
        for name, kind in rng.sample(ORGANIZATIONS, rng.randint(4, 8)):
            MemberOrganization.objects.create(community=community, name=name.format(d=district), kind=kind)
    if not community.plans.all():
        _create_plan(community, rng)


def _create_plan(community: Community, rng: random.Random) -> None:
    district = community.district.name
    start = 2022 + rng.randrange(3)
    plan = CommunityPlan.objects.create(
        community=community,
        title=f"{community.name} 地域づくり計画(第2期)",
        start_fiscal_year=start,
        end_fiscal_year=start + 4,
        vision=rng.choice(VISIONS).format(d=district),
        adopted_on=dt.date(start, 3, rng.randint(10, 28)),
    )
    for order, (title, initiatives) in enumerate(rng.sample(GOALS, 3), start=1):
        goal = PlanGoal.objects.create(plan=plan, order=order, title=title, description=f"{title}を進めます。")
        for year in range(plan.start_fiscal_year, plan.end_fiscal_year + 1):
            PlanInitiative.objects.create(
                plan=plan, goal=goal, fiscal_year=year, title=rng.choice(initiatives),
            )
    PlanRevision.objects.create(
        plan=plan, revised_on=dt.date(start + 2, 3, 15),
        summary="中間見直し: 住民アンケートの結果を踏まえ、若者の参加を促す取組を追加しました。",
    )
