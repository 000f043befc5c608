"""Demo events: five fiscal years of seminars, tiered trainings and exchange meetings, with participants.

Placed relative to today, so the demo can be walked on any date: past years' events are closed with
their attendance recorded; this year's coming events are open, one of them full with a waiting list.
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
from kyodo.events.models import (
    Audience,
    Category,
    Channel,
    Event,
    EventKind,
    EventStatus,
    Organiser,
    Registration,
    RegistrationStatus,
    Tier,
)
from kyodo.fiscal_years import FiscalYear

DEFAULT_KINDS = (
    # slug, name, category, tier
    ("awareness", "協働のまちづくり啓発研修会", Category.AWARENESS, ""),
    ("training-officers", "階層別研修(役員向け)", Category.TIERED, Tier.OFFICERS),
    ("training-secretariat", "階層別研修(事務局職員向け)", Category.TIERED, Tier.SECRETARIAT),
    ("training-new-leaders", "階層別研修(新任リーダー向け)", Category.TIERED, Tier.NEW_LEADERS),
    ("training-city-staff", "市職員協働研修", Category.TIERED, Tier.CITY_STAFF),
    ("exchange", "地域協働体交流会", Category.EXCHANGE, ""),
    ("other", "その他の催し", Category.OTHER, ""),
)

# (kind slug, title, month, day, capacity, audience)
PROGRAMME = (
    ("awareness", "協働のまちづくり講演会", 6, 14, 80, Audience.PUBLIC),
    ("training-officers", "地域協働体役員研修会", 7, 5, 40, Audience.COMMUNITIES),
    ("training-secretariat", "事務局職員研修会(会計と補助金)", 9, 6, 30, Audience.COMMUNITIES),
    ("training-new-leaders", "若手・新任リーダー養成講座", 10, 18, 25, Audience.PUBLIC),
    ("training-city-staff", "職員向け協働推進研修", 11, 8, 40, Audience.CITY_STAFF),
    ("exchange", "地域協働体交流会(事例発表)", 2, 15, 60, Audience.COMMUNITIES),
)
SURNAMES = ("佐藤", "千葉", "菅原", "小野寺", "阿部", "佐々木", "鈴木", "高橋", "及川", "熊谷")
SURNAME_KANA = (
    "さとう", "ちば", "すがわら", "おのでら", "あべ", "ささき", "すずき", "たかはし", "おいかわ", "くまがい",
)
GIVEN = ("一郎", "花子", "健太", "美咲", "翔", "陽菜", "誠", "由美", "大輝", "恵子")
GIVEN_KANA = ("いちろう", "はなこ", "けんた", "みさき", "しょう", "ひな", "まこと", "ゆみ", "だいき", "けいこ")
AGE_WEIGHTS = {
    AgeBand.UNDER_20: 4, AgeBand.AGE_20S: 5, AgeBand.AGE_30S: 8, AgeBand.AGE_40S: 12, AgeBand.AGE_50S: 16,
    AgeBand.AGE_60S: 30, AgeBand.AGE_70_OVER: 25,
}


def ensure_kinds() -> dict[str, EventKind]:
    """The city's starting list of kinds (kept when the city has edited them)."""
    kinds = {}
    for order, (slug, name, category, tier) in enumerate(DEFAULT_KINDS, start=1):
        kinds[slug], _created = EventKind.objects.get_or_create(
            slug=slug, defaults={"name": name, "category": category, "tier": tier, "order": order * 10})
    return kinds


def _organiser() -> Any:
    from kyodo.accounts.models import User

    user = User.objects.filter(role="city_admin", is_active=True).order_by("pk").first()
    if user is None:
        user = User(username="demo-city", role="city_admin", display_name="まちづくり推進課(デモ)")
        user.set_unusable_password()
        user.save()
    return user


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _day(year: int, month: int, day: int) -> dt.date:
    """A day of fiscal year ``year`` (April–March)."""
    return dt.date(year + 1 if month < 4 else year, month, day)


def _registrations(event: Event, rng: random.Random, communities: list[Any], *, held: bool) -> list[Registration]:
    wanted = event.capacity if event.capacity < 30 and not held else int(event.capacity * rng.uniform(0.5, 0.95))
    if not held and event.capacity < 30:
        wanted = event.capacity + 3  # a full event with a waiting list
    rows = []
    for number in range(wanted):
        surname, given = rng.randrange(len(SURNAMES)), rng.randrange(len(GIVEN))
        confirmed = number < event.capacity
        rows.append(Registration(
            event=event, name=f"{SURNAMES[surname]} {GIVEN[given]}",
            name_kana=f"{SURNAME_KANA[surname]} {GIVEN_KANA[given]}",
            contact=f"0191-{20 + number % 70:02d}-{1000 + number:04d}",
            age_band=rng.choices(list(AGE_WEIGHTS), weights=list(AGE_WEIGHTS.values()))[0],
            community=rng.choice(communities) if communities and event.audience != Audience.CITY_STAFF else None,
            channel=rng.choice([Channel.WEB, Channel.WEB, Channel.PHONE, Channel.PAPER]),
            status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
            attended_at=event.starts_at if held and confirmed and rng.random() < 0.85 else None,
            is_demo_data=True,
        ))
    return rows


@demo_step(60)
@transaction.atomic
def create_demo_events() -> int:
    """Six events a year for the current fiscal year and the four before it. Returns how many were created."""
    kinds = ensure_kinds()
    organiser = _organiser()
    communities = list(Community.objects.order_by("pk")[:12])
    current = FiscalYear.current().year
    now = timezone.now()
    created = 0
    rng = random.Random(13)  # noqa: S311 — made-up demo data, not a secret
    for year in range(current - 4, current + 1):
        for slug, title, month, day, capacity, audience in PROGRAMME:
            starts_at = _at(_day(year, month, day), 13)
            name = f"{title}({FiscalYear(year).wareki})"
            if Event.objects.filter(title=name, starts_at=starts_at).exists():
                continue
            held = starts_at < now
            community = communities[(year + month) % len(communities)] if communities and slug == "exchange" else None
            event = Event.objects.create(
                kind=kinds[slug], title=name, description=f"{title}です。どなたでもお気軽にご参加ください。",
                organiser=Organiser.COMMUNITY if community else Organiser.CITY, organiser_community=community,
                starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2), place="一関市役所 本庁舎 大会議室",
                address="岩手県一関市竹山町7-2", capacity=capacity,
                registration_opens_at=starts_at - dt.timedelta(days=45),
                registration_closes_at=starts_at - dt.timedelta(days=3), audience=audience,
                contact="まちづくり推進課 0191-21-2111", status=EventStatus.CLOSED if held else EventStatus.PUBLISHED,
                created_by=organiser, is_demo_data=True,
            )
            if not held and starts_at - now > dt.timedelta(days=45):
                event.registration_opens_at = now - dt.timedelta(days=1)
                event.save(update_fields=["registration_opens_at"])
            Registration.objects.bulk_create(_registrations(event, rng, communities, held=held))
            created += 1
    return created
