"""The activity reports app's part of the benchmark: reports with themes for every community over five fiscal
years, most published (generate), and the public list and the API list (run)."""

from __future__ import annotations

import datetime as dt

STATES = ["published", "published", "published", "draft", "withdrawn", "published", "unpublished"]
THEMES = [("bousai", "防災・減災"), ("kosodate", "子育て・教育"), ("fukushi", "福祉・見守り"), ("kankyo", "環境・美化"),
          ("bunka", "文化・伝統")]

PUBLIC_SQL = """
SELECT r.id, r.title, r.held_on, r.fiscal_year, r.body, r.is_demo_data, c.name, c.slug, d.name,
  (SELECT COUNT(*) FROM practice_practicephoto p WHERE p.report_id = r.id)
FROM practice_practicereport r JOIN communities_community c ON c.id = r.community_id
JOIN communities_district d ON d.id = c.district_id
WHERE r.status = 'published' ORDER BY r.held_on DESC, r.id DESC LIMIT {limit}"""
THEMES_SQL = """
SELECT t.practicereport_id, m.name, m.slug FROM practice_practicereport_themes t JOIN practice_practicetheme m
ON m.id = t.practicetheme_id WHERE t.practicereport_id IN (
  SELECT id FROM practice_practicereport WHERE status = 'published' ORDER BY held_on DESC, id DESC LIMIT {limit})"""
COUNT_SQL = "SELECT COUNT(*) FROM practice_practicereport WHERE status = 'published'"


def generate_practice(communities: list, *, per_community: int = 3) -> None:
    """``per_community`` reports of each community from FY2022, in every state, each with one or two themes."""
    from kyodo.accounts.models import User
    from kyodo.fiscal_years import FiscalYear
    from kyodo.practice.models import PracticeReport, PracticeTheme
    from kyodo.text_search import normalize_for_search

    city = User.objects.get(username="bench-city")
    themes = [PracticeTheme.objects.get_or_create(slug=slug, defaults={"name": name, "order": k})[0]
              for k, (slug, name) in enumerate(THEMES)]
    start = dt.date(2022, 4, 1)
    reports = []
    for i, community in enumerate(communities):
        for k in range(per_community):
            n = i * per_community + k
            held_on = start + dt.timedelta(days=(n * 53) % 1600)
            title = f"ベンチ事例{n} 小学生と防災訓練"
            body = "避難所の開設を訓練しました。地域の小学生も参加しました。" * 4
            status = STATES[n % len(STATES)]
            reports.append(PracticeReport(
                community=community, title=title, held_on=held_on, fiscal_year=FiscalYear.of(held_on).year,
                body=body, status=status, created_by=city,
                published_at=dt.datetime.combine(held_on, dt.time(12), tzinfo=dt.UTC) if status != "draft" else None,
                search_text=normalize_for_search(f"{title} {body[:400]}")[:600]))
    reports = PracticeReport.objects.bulk_create(reports, batch_size=2000)
    through = PracticeReport.themes.through
    through.objects.bulk_create(
        [through(practicereport_id=report.pk, practicetheme_id=themes[(n + j) % len(themes)].pk)
         for n, report in enumerate(reports) for j in range(1 + n % 2)], batch_size=5000)


def scenarios():
    """(name, kind, url, floor function, who)."""
    from django.db import connection

    def fetch(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def floor(limit):
        return lambda: (fetch(PUBLIC_SQL.format(limit=limit)), fetch(THEMES_SQL.format(limit=limit)),
                        fetch(COUNT_SQL))

    return [
        ("practice_public", "html", "/practice/", floor(20), "anon"),
        ("api_practice_reports", "json", "/api/v1/practice/reports?limit=50", floor(50), "anon"),
    ]
