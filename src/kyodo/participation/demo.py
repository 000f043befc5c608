"""Demo volunteer opportunities: five fiscal years of them, relative to today, with sign-ups.

Past activities are closed with attendance recorded (so the age-band figures have five years); this
year's coming ones are open now, and the demo community's (the `community` account's) have sign-ups
waiting for its confirmation.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from kyodo.age_bands import AgeBand
from kyodo.communities.models import Community
from kyodo.demo.steps import demo_step
from kyodo.fiscal_years import FiscalYear
from kyodo.participation.models import Opportunity, OpportunityStatus, Signup, SignupStatus

# (title, month, day, capacity, students, families, no experience)
PROGRAMME = (
    ("河川敷の清掃活動", 5, 18, 30, True, True, True),
    ("夏祭りの運営ボランティア", 8, 10, 20, True, False, True),
    ("高齢者宅の雪かき", 1, 20, 12, True, False, False),
)
NAMES = (("佐藤 翔", "さとう しょう"), ("千葉 陽菜", "ちば ひな"), ("菅原 誠", "すがわら まこと"),
         ("小野寺 美咲", "おのでら みさき"), ("阿部 大輝", "あべ だいき"), ("熊谷 由美", "くまがい ゆみ"))
AGE_WEIGHTS = {
    AgeBand.UNDER_20: 14, AgeBand.AGE_20S: 10, AgeBand.AGE_30S: 12, AgeBand.AGE_40S: 14, AgeBand.AGE_50S: 14,
    AgeBand.AGE_60S: 20, AgeBand.AGE_70_OVER: 16,
}


def _creator(community: Community) -> Any:
    from kyodo.accounts.models import User

    return (User.objects.filter(community=community, is_active=True).order_by("pk").first()
            or User.objects.filter(role="city_admin", is_active=True).order_by("pk").first())


def _day(year: int, month: int, day: int) -> dt.date:
    """A day of fiscal year ``year`` (April–March)."""
    return dt.date(year + 1 if month < 4 else year, month, day)


def _hosts() -> list[Community]:
    """The demo account's community first, then a few others."""
    from kyodo.accounts.models import User

    own = User.objects.filter(username="community").values_list("community_id", flat=True).first()
    if own is None:
        return list(Community.objects.order_by("pk")[:4])
    return [*Community.objects.filter(pk=own), *Community.objects.exclude(pk=own).order_by("pk")[:3]]


def _signups(opportunity: Opportunity, rng: random.Random, *, held: bool, count: int) -> list[Signup]:
    rows = []
    for number in range(count):
        name, kana = NAMES[rng.randrange(len(NAMES))]
        came = held and rng.random() < 0.85
        rows.append(Signup(
            opportunity=opportunity, name=name, name_kana=kana,
            contact=f"0191-{30 + number % 60:02d}-{2000 + number:04d}",
            age_band=rng.choices(list(AGE_WEIGHTS), weights=list(AGE_WEIGHTS.values()))[0],
            community=opportunity.community if rng.random() < 0.7 else None,
            status=SignupStatus.CONFIRMED if held else SignupStatus.APPLIED,
            confirmed_at=opportunity.signup_closes_at if held else None,
            attended_at=opportunity.starts_at if came else None, is_demo_data=True,
        ))
    return rows


def _open_now(host: Community, creator: Any, now: dt.datetime, rng: random.Random) -> int:
    """An opportunity of ``host`` two weeks from now, open for sign-ups, three of them waiting."""
    starts_at = timezone.localtime(now).replace(hour=9, minute=0, second=0, microsecond=0) + dt.timedelta(days=14)
    title = f"{host.name} 地域の花壇づくり"
    if Opportunity.objects.filter(title=title, community=host, ends_at__gte=now).exists():
        return 0
    opportunity = Opportunity.objects.create(
        community=host, title=title, description="地域の花壇に花を植えます。道具はこちらで用意します。",
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3), place=f"{host.name} 市民センター前",
        capacity=15, signup_opens_at=now - dt.timedelta(days=7), signup_closes_at=starts_at - dt.timedelta(days=1),
        is_for_students=True, is_for_families=True, needs_no_experience=True, belongings="軍手、動きやすい服装",
        contact=f"{host.name} 事務局", status=OpportunityStatus.PUBLISHED, created_by=creator, is_demo_data=True,
    )
    Signup.objects.bulk_create(_signups(opportunity, rng, held=False, count=3))
    return 1


@demo_step(70)
@transaction.atomic
def create_demo_opportunities() -> int:
    """Three opportunities a year per host for the current fiscal year and the four before it."""
    hosts = _hosts()
    if not hosts:
        return 0
    now = timezone.now()
    current = FiscalYear.current().year
    rng = random.Random(7)  # noqa: S311 — made-up demo data, not a secret
    created = _open_now(hosts[0], _creator(hosts[0]), now, rng)
    for year in range(current - 4, current + 1):
        for index, host in enumerate(hosts):
            creator = _creator(host)
            for title, month, day, capacity, students, families, novice in PROGRAMME:
                starts_at = timezone.make_aware(dt.datetime.combine(_day(year, month, day + index), dt.time(9)))
                name = f"{title}({FiscalYear(year).wareki})"
                if Opportunity.objects.filter(title=name, community=host, starts_at=starts_at).exists():
                    continue
                held = starts_at < now
                opens = min(starts_at - dt.timedelta(days=30), now - dt.timedelta(days=1)) if not held \
                    else starts_at - dt.timedelta(days=30)
                opportunity = Opportunity.objects.create(
                    community=host, title=name, description=f"{title}です。初めての方も歓迎します。",
                    starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3), place=f"{host.name} 市民センター",
                    capacity=capacity, signup_opens_at=opens, signup_closes_at=starts_at - dt.timedelta(days=2),
                    is_for_students=students, is_for_families=families, needs_no_experience=novice,
                    contact=f"{host.name} 事務局", created_by=creator, is_demo_data=True,
                    status=OpportunityStatus.CLOSED if held else OpportunityStatus.PUBLISHED,
                )
                count = int(capacity * rng.uniform(0.5, 0.9)) if held else min(2, capacity)
                Signup.objects.bulk_create(_signups(opportunity, rng, held=held, count=count))
                created += 1
    return created
