"""The volunteering app's part of the benchmark: opportunities around the bench's "now" for every community, with
sign-ups in every state and attendance for the ones held (generate), and the public list, the city's participation
report and the API list (run)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

STATES = ["published", "published", "closed", "published", "cancelled", "draft"]

PUBLIC_SQL = """
SELECT o.*, c.name, c.slug, d.name,
  (SELECT COUNT(*) FROM participation_signup s WHERE s.opportunity_id = o.id AND s.status <> 'cancelled')
FROM participation_opportunity o JOIN communities_community c ON c.id = o.community_id
JOIN communities_district d ON d.id = c.district_id
WHERE o.status IN ('published', 'closed', 'cancelled') AND o.ends_at >= %s ORDER BY o.starts_at, o.id LIMIT 20"""
PUBLIC_COUNT_SQL = """SELECT COUNT(*) FROM participation_opportunity o
WHERE o.status IN ('published', 'closed', 'cancelled') AND o.ends_at >= %s"""
REPORT_SQL = """
SELECT c.name, c.name_kana, s.age_band, COUNT(*) FROM participation_signup s
JOIN participation_opportunity o ON o.id = s.opportunity_id JOIN communities_community c ON c.id = o.community_id
WHERE s.status = 'confirmed' AND s.attended_at IS NOT NULL AND o.starts_at >= %s AND o.starts_at < %s
GROUP BY c.name, c.name_kana, s.age_band ORDER BY c.name_kana, s.age_band"""


def generate_participation(communities: list, *, per_community: int = 3, signups_per_opportunity: int = 4) -> None:
    """``per_community`` opportunities of each community, spread from FY2025 into the coming months (so the
    public list has upcoming and past ones and the report's years have rows), in every state; sign-ups of every
    age band, the held ones confirmed and attended, a few withdrawn."""
    from kyodo.accounts.models import User
    from kyodo.age_bands import AgeBand
    from kyodo.participation.models import Opportunity, Signup
    from kyodo.text_search import normalize_for_search

    city = User.objects.get(username="bench-city")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    first = timezone.make_aware(dt.datetime(2025, 4, 6, 9, 0))
    span = max(1, (now - first).days)  # from FY2025 to today
    opportunities = []
    for i, community in enumerate(communities):
        for k in range(per_community):
            n = i * per_community + k
            starts_at = first + dt.timedelta(days=(n * 37) % span, hours=n % 5)
            if n % 3 == 0:  # a third is still to come, the rest spread over the past year and a half
                starts_at = now + dt.timedelta(days=1 + (n * 11) % 120, hours=n % 5)
            title = f"ベンチ募集{n} 河川敷の清掃"
            place = f"第{n % 7 + 1}集会所前"
            opportunities.append(Opportunity(
                community=community, title=title, description="ごみ袋と軍手はこちらで用意します。", place=place,
                starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3), capacity=10 + n % 20,
                signup_opens_at=starts_at - dt.timedelta(days=30), signup_closes_at=starts_at - dt.timedelta(days=1),
                is_for_students=n % 3 == 0, is_for_families=n % 4 == 0, status=STATES[n % len(STATES)],
                created_by=city, search_text=normalize_for_search(f"{title} {place}")[:600]))
    opportunities = Opportunity.objects.bulk_create(opportunities, batch_size=2000)
    signups = []
    for n, opportunity in enumerate(opportunities):
        if opportunity.status == "draft":
            continue
        held = opportunity.ends_at < now
        for k in range(signups_per_opportunity):
            status = "cancelled" if (n + k) % 9 == 0 else "confirmed" if held or k % 2 else "applied"
            signed_up_at = opportunity.signup_opens_at + dt.timedelta(days=k + 1)
            signups.append(Signup(
                opportunity=opportunity, name=f"ベンチ 参加者{n}-{k}", contact=f"0191-00-{(n * 7 + k) % 10000:04d}",
                age_band=AgeBand.values[(n + k) % len(AgeBand.values)], community_id=opportunity.community_id,
                status=status,
                confirmed_at=signed_up_at if status == "confirmed" else None,
                confirmed_by=city if status == "confirmed" else None,
                cancelled_at=signed_up_at if status == "cancelled" else None,
                attended_at=opportunity.ends_at if held and status == "confirmed" else None))
    Signup.objects.bulk_create(signups, batch_size=5000)


def scenarios():
    """(name, kind, url, floor function, who)."""
    from django.db import connection

    def fetch(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def public_floor():
        now = timezone.now()
        return fetch(PUBLIC_SQL, [now]), fetch(PUBLIC_COUNT_SQL, [now])

    year = (timezone.make_aware(dt.datetime(2025, 4, 1)), timezone.make_aware(dt.datetime(2026, 4, 1)))
    return [
        ("opportunities_public", "html", "/opportunities/", public_floor, "anon"),
        ("participation_report_city", "html", "/staff/participation/participation/?year=2025",
         lambda: fetch(REPORT_SQL, year), "city"),
    ]
