"""Company participation and the audit log in the benchmark: a company for every third community with
partnerships in every state (generate), the public company list and its API, and the audit log page (run)."""

from __future__ import annotations

import datetime as dt

STATES = ["published", "published", "submitted", "draft", "returned", "published", "withdrawn"]
KINDS = ["event", "skills", "goods", "volunteering", "other"]
AUDIT_EVENTS = 20_000

COMPANIES_SQL = """
SELECT c.id, c.name, c.slug, c.description, c.address FROM companies_company c
WHERE c.is_listed AND EXISTS (SELECT 1 FROM companies_partnership p WHERE p.company_id = c.id
  AND p.status = 'published') ORDER BY c.name LIMIT {limit}"""
PARTNERSHIPS_SQL = """
SELECT p.id, p.company_id, p.title, p.kind, m.name FROM companies_partnership p
LEFT JOIN communities_community m ON m.id = p.community_id WHERE p.status = 'published' AND p.company_id IN (
  SELECT c.id FROM companies_company c WHERE c.is_listed ORDER BY c.name LIMIT {limit})"""
AUDIT_SQL = """
SELECT sequence, occurred_at, actor_id, actor_label, action, object_type, object_id, summary
FROM audit_auditevent ORDER BY sequence DESC LIMIT 50"""


def generate_companies(communities: list, *, per_company: int = 4) -> None:
    """One company for every third community, each with ``per_company`` partnerships cycling through the states."""
    from kyodo.accounts.models import User
    from kyodo.companies.models import Company, Partnership
    from kyodo.fiscal_years import FiscalYear
    from kyodo.text_search import normalize_for_search

    city = User.objects.get(username="bench-city")
    hosts = communities[::3]
    companies = Company.objects.bulk_create(
        [Company(name=f"ベンチ架空企業{i}株式会社", slug=f"bench-company-{i}", address="一関市",
                 description="地域の清掃と祭りに協力しています。",
                 search_text=normalize_for_search(f"ベンチ架空企業{i}株式会社"))
         for i in range(len(hosts))], batch_size=2000)
    start = dt.date(2022, 4, 1)
    partnerships = []
    for i, (company, community) in enumerate(zip(companies, hosts, strict=True)):
        for k in range(per_company):
            n = i * per_company + k
            started_on = start + dt.timedelta(days=(n * 41) % 1500)
            status = STATES[n % len(STATES)]
            title = f"ベンチ取組{n} 地域の清掃活動"
            partnerships.append(Partnership(
                company=company, community=community if n % 2 else None, title=title, kind=KINDS[n % len(KINDS)],
                description="社員が地域の清掃に参加しました。" * 3, started_on=started_on,
                fiscal_year=FiscalYear.of(started_on).year, status=status, created_by=city,
                published_at=dt.datetime.combine(started_on, dt.time(12), tzinfo=dt.UTC)
                if status in ("published", "withdrawn") else None,
                search_text=normalize_for_search(title)))
    Partnership.objects.bulk_create(partnerships, batch_size=2000)


def generate_audit_log(count: int = AUDIT_EVENTS) -> None:
    """``count`` chained audit events after the ones already there (the log the audit page lists)."""
    from django.utils import timezone

    from kyodo.audit.models import AuditEvent
    from kyodo.audit.services import GENESIS_HASH, compute_hash

    last = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
    sequence, previous = (last.sequence, last.hash) if last else (0, GENESIS_HASH)
    now = timezone.now()
    events = []
    for n in range(count):
        sequence += 1
        event = AuditEvent(sequence=sequence, occurred_at=now - dt.timedelta(minutes=count - n), actor_id=None,
                           actor_label="bench-city", action=("application.award", "opinion.publish")[n % 2],
                           object_type="grants.application", object_id=str(n), summary=f"ベンチ{n}", data={"n": n},
                           previous_hash=previous)
        event.hash = previous = compute_hash(event, previous)
        events.append(event)
    AuditEvent.objects.bulk_create(events, batch_size=2000)


def scenarios():
    """(name, kind, url, floor function, who)."""
    from django.db import connection

    def fetch(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def floor(limit):
        return lambda: (fetch(COMPANIES_SQL.format(limit=limit)), fetch(PARTNERSHIPS_SQL.format(limit=limit)))

    return [
        ("companies_public", "html", "/companies/", floor(20), "anon"),
        ("api_companies", "json", "/api/v1/companies/companies?limit=50", floor(50), "anon"),
        ("audit_log", "html", "/staff/audit/", lambda: fetch(AUDIT_SQL), "city"),
    ]
