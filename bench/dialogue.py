"""The dialogue app's part of the benchmark: opinions for every community (generate) and its pages (run)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kyodo.dialogue.demo import STANDARD_MEETING_KINDS

STATES = ["published", "published", "routed", "answered", "received", "published"]
OUTCOMES = ["plan", "budget", "operations", "study", "impossible"]

PUBLIC_SQL = """
SELECT o.id, o.title, o.fiscal_year, o.outcome, o.outcome_plan, o.outcome_measure, o.outcome_budget_item,
  o.outcome_fiscal_year, o.outcome_amount_yen, o.is_demo_data, d.name, c.name, k.name
FROM dialogue_opinion o JOIN communities_district d ON d.id = o.district_id
LEFT JOIN communities_community c ON c.id = o.community_id JOIN dialogue_opinioncategory k ON k.id = o.category_id
WHERE o.status = 'published' {where} ORDER BY o.published_at DESC, o.id DESC LIMIT 30"""
PUBLIC_COUNT_SQL = "SELECT COUNT(*) FROM dialogue_opinion o WHERE o.status = 'published' {where}"
QUEUE_SQL = """
SELECT o.id, o.title, o.status, o.due_on, o.received_on, d.name, c.name, k.name
FROM dialogue_opinion o JOIN communities_district d ON d.id = o.district_id
LEFT JOIN communities_community c ON c.id = o.community_id JOIN dialogue_opinioncategory k ON k.id = o.category_id
ORDER BY o.due_on, o.received_on DESC, o.id DESC LIMIT 30"""
MEETINGS_SQL = [
    """SELECT m.id, m.title, m.status, m.starts_at, k.name, d.citizen_center_name FROM dialogue_meeting m
       JOIN dialogue_meetingkind k ON k.id = m.kind_id LEFT JOIN communities_district d ON d.id = m.place_district_id
       ORDER BY m.starts_at DESC, m.id DESC LIMIT 30""",
    "SELECT COUNT(*) FROM dialogue_meeting",
    """SELECT r.meeting_id, d.name FROM dialogue_meeting_districts r JOIN communities_district d ON d.id = r.district_id
       WHERE r.meeting_id IN (SELECT id FROM dialogue_meeting ORDER BY starts_at DESC LIMIT 30)""",
]
OVERVIEW_SQL = [
    "SELECT outcome, COUNT(*) FROM dialogue_opinion WHERE outcome <> '' GROUP BY outcome",
    "SELECT fiscal_year, status, COUNT(*) FROM dialogue_opinion GROUP BY fiscal_year, status",
    "SELECT district_id, status, COUNT(*) FROM dialogue_opinion GROUP BY district_id, status",
    "SELECT r.department_id, COUNT(*) FROM dialogue_opinion_departments r GROUP BY r.department_id",
]


def generate_opinions(communities: list, per_community: int = 4) -> None:
    """``per_community`` opinions of each community, over five fiscal years, in every state and outcome."""
    from kyodo.accounts.models import User
    from kyodo.dialogue import building
    from kyodo.dialogue.models import OpinionCategory
    from kyodo.plans.models import Department

    departments = list(Department.objects.order_by("pk")[:5])
    city = User.objects.get(username="bench-city")
    staff = User.objects.create(username="bench-dept", role="department_staff", department=departments[0],
                                display_name="ベンチ 所管課職員", password=city.password)
    cast = building.Cast(city=city, department_staff=staff)
    kinds = [OpinionCategory.objects.get_or_create(name=name)[0] for name in ("防災・安全", "道路・交通", "福祉")]
    built = []
    for i, community in enumerate(communities):
        for k in range(per_community):
            n = i * per_community + k
            built.append(building.build(
                status=STATES[n % len(STATES)], cast=cast, category=kinds[n % len(kinds)],
                district=community.district, community=community, departments=[departments[n % len(departments)]],
                received_on=dt.date(2022, 5, 1) + dt.timedelta(days=(n * 37) % 1600), title=f"ベンチ意見{n} 街灯の増設",
                outcome=OUTCOMES[n % len(OUTCOMES)],
            ))
            if len(built) >= 2000:
                building.bulk_save(built)
                built = []
    building.bulk_save(built)
    generate_meetings(communities, city)


def generate_meetings(communities: list, city: Any) -> None:
    """One meeting per community over five years, every kind and state, with its district and community."""
    from django.utils import timezone

    from kyodo.dialogue.models import Meeting, MeetingKind

    kinds = [MeetingKind.objects.get_or_create(name=name, defaults={"order": order})[0]
             for order, name in enumerate(STANDARD_MEETING_KINDS, start=1)]
    states = ["minutes_published", "held", "planned", "cancelled"]
    start = timezone.make_aware(dt.datetime(2022, 5, 1, 18, 30))
    meetings = Meeting.objects.bulk_create([
        Meeting(kind=kinds[i % len(kinds)], title=f"ベンチ会議{i}", status=states[i % len(states)],
                starts_at=start + dt.timedelta(days=(i * 13) % 1600), place_district=community.district,
                planned_by=city, fiscal_year=2022 + ((i * 13) % 1600) // 366,
                cancel_reason="荒天のため" if states[i % len(states)] == "cancelled" else "")
        for i, community in enumerate(communities)], batch_size=2000)
    Meeting.districts.through.objects.bulk_create(
        [Meeting.districts.through(meeting_id=m.pk, district_id=c.district_id)
         for m, c in zip(meetings, communities, strict=True)], batch_size=5000)
    Meeting.communities.through.objects.bulk_create(
        [Meeting.communities.through(meeting_id=m.pk, community_id=c.pk)
         for m, c in zip(meetings, communities, strict=True)], batch_size=5000)


def scenarios():
    """(name, kind, url, floor function, who)."""
    from django.db import connection

    def fetch(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def public_floor(where="", params=()):
        return lambda: (fetch(PUBLIC_SQL.format(where=where), params),
                        fetch(PUBLIC_COUNT_SQL.format(where=where), params))

    def queue_floor():
        return fetch(QUEUE_SQL), fetch("SELECT status, COUNT(*) FROM dialogue_opinion GROUP BY status")

    def overview_floor():
        return [fetch(sql) for sql in OVERVIEW_SQL]

    def meetings_floor():
        return [fetch(sql) for sql in MEETINGS_SQL]

    search = ("AND o.search_text LIKE %s", ["%街灯%"])
    return [
        ("opinions_public", "html", "/opinions/", public_floor(), "anon"),
        ("opinions_public_search", "html", "/opinions/?q=街灯&outcome=budget",
         public_floor(search[0] + " AND o.outcome = 'budget'", search[1]), "anon"),
        ("opinions_queue_city", "html", "/staff/dialogue/opinions/", queue_floor, "city"),
        ("opinions_overview", "html", "/staff/dialogue/overview/", overview_floor, "city"),
        ("meetings_public", "html", "/meetings/", meetings_floor, "anon"),
        ("api_opinions", "json", "/api/v1/dialogue/opinions?limit=50", public_floor(), "anon"),
        ("api_meetings", "json", "/api/v1/dialogue/meetings?limit=30", meetings_floor, "anon"),
    ]
