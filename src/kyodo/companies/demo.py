"""Demo participation: the demo company (account ``company``) has a published partnership with 山目, a draft
ready to submit and one the city returned with a comment; two other fictional companies have published
partnerships, and one partnership waits for the city (account ``city``). Running the step again adds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from kyodo.communities.models import Community
from kyodo.companies.models import Company, Partnership, PartnershipKind, PartnershipStatus, Transition
from kyodo.demo.steps import demo_step
from kyodo.fiscal_years import FiscalYear

S = PartnershipStatus
K = PartnershipKind
DEMO_COMPANY = "demo-kensetsu"
OTHER_COMPANIES = (
    ("demo-shokuhin", "一関架空食品株式会社",
     "一関市内の架空の食品会社です。地域の祭りに地元産の食材を提供しています。(デモデータ)",
     "一関市大町(架空)"),
    ("demo-denki", "磐井架空電機有限会社", "家電の修理と販売をしている架空の会社です。(デモデータ)",
     "一関市花泉町(架空)"),
)
RETURN_COMMENT = "取組の期間と、地域協働体との役割分担を書き足してください。写真の掲載は不要です。"


@dataclass(frozen=True)
class Planned:
    company: str
    title: str
    kind: str
    community: str  # a community's slug, "" for none
    status: str
    days_ago: int
    description: str


PLANNED = (
    Planned(DEMO_COMPANY, "山目地区の河川清掃に社員が参加", K.VOLUNTEERING, "yamanome", S.PUBLISHED, 120,
            "毎年春の河川清掃に社員20名が参加し、重機での大型ごみの運搬を担当しました。"),
    Planned(DEMO_COMPANY, "防災訓練での重機の操作実演", K.SKILLS, "yamanome", S.DRAFT, 10,
            "地区の防災訓練で、がれきの撤去を想定した重機の操作を実演します。"),
    Planned(DEMO_COMPANY, "夏祭りへの協賛と会場設営", K.EVENT, "yamanome", S.RETURNED, 30,
            "夏祭りに協賛し、テントの設営と撤去を社員が手伝います。"),
    Planned("demo-shokuhin", "秋の収穫祭への地元食材の提供", K.GOODS, "", S.PUBLISHED, 200,
            "収穫祭の振る舞い料理に、地元産の米と野菜を提供しました。"),
    Planned("demo-shokuhin", "子ども食堂への食材の提供", K.GOODS, "", S.SUBMITTED, 5,
            "月に一度の子ども食堂に、規格外の野菜と米を提供します。"),
    Planned("demo-denki", "高齢者宅の電気器具の無料点検", K.SKILLS, "", S.PUBLISHED, 90,
            "見守り訪問に同行し、高齢者宅のコンセントや暖房器具を無料で点検しました。"),
)
# The workflow's path to each state: (action, from, to, by the company or the city).
PATHS: dict[str, tuple[tuple[str, str, str, str], ...]] = {
    S.DRAFT: (),
    S.SUBMITTED: (("submit", S.DRAFT, S.SUBMITTED, "company"),),
    S.RETURNED: (("submit", S.DRAFT, S.SUBMITTED, "company"), ("return", S.SUBMITTED, S.RETURNED, "city")),
    S.PUBLISHED: (("submit", S.DRAFT, S.SUBMITTED, "company"), ("publish", S.SUBMITTED, S.PUBLISHED, "city")),
}


def _companies() -> dict[str, Company]:
    found = {}
    demo, _ = Company.objects.get_or_create(
        slug=DEMO_COMPANY, defaults={"name": "いちのせき架空建設株式会社", "is_demo_data": True,
                                     "description": "地域の清掃活動や防災訓練に社員が参加しています。(デモデータ)"})
    found[DEMO_COMPANY] = demo
    for slug, name, description, address in OTHER_COMPANIES:
        found[slug] = Company.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "address": address,
                                 "is_demo_data": True})[0]
    return found


def _actors(company: Company) -> dict[str, Any]:
    from kyodo.accounts.models import User

    city = User.objects.filter(username="city").first() or User.objects.filter(role="city_admin").order_by(
        "pk").first()
    contact = User.objects.filter(company=company, is_active=True).order_by("pk").first()
    return {"city": city, "company": contact or city}


def _community(slug: str, fallback: Community | None) -> Community | None:
    if not slug:
        return None
    return Community.objects.filter(slug=slug).first() or fallback


@demo_step(75)
@transaction.atomic
def create_demo_partnerships() -> int:
    """Six partnerships in the current fiscal year, each in its state with the transitions that led there."""
    companies = _companies()
    fallback = Community.objects.order_by("pk").first()
    today = timezone.localdate()
    created = 0
    for plan in PLANNED:
        company = companies[plan.company]
        if Partnership.objects.filter(company=company, title=plan.title).exists():
            continue
        actors = _actors(company)
        if actors["city"] is None:
            return created
        started_on = today - dt.timedelta(days=plan.days_ago)
        now = timezone.now()
        partnership = Partnership.objects.create(
            company=company, community=_community(plan.community, fallback), title=plan.title, kind=plan.kind,
            description=plan.description, started_on=started_on, fiscal_year=FiscalYear.of(started_on).year,
            status=plan.status, created_by=actors["company"], is_demo_data=True,
            submitted_at=now if plan.status != S.DRAFT else None,
            published_at=now if plan.status == S.PUBLISHED else None)
        for action, before, after, who in PATHS[plan.status]:
            Transition.objects.create(partnership=partnership, action=action, from_status=before, to_status=after,
                                      actor=actors[who], comment=RETURN_COMMENT if action == "return" else "")
        created += 1
    return created
