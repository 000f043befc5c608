"""The support app's part of the benchmark: liaisons, contacts, dispatch requests and consultations for every
community over five fiscal years (generate), and the liaison's and the city's pages (run)."""

from __future__ import annotations

import datetime as dt

WAYS = ["visit", "phone", "meeting", "email", "other"]
TOPICS = ["会計", "計画", "イベント", "人材募集", "補助金"]
LIAISON_COMMUNITIES = 12  # the bench liaison's share, as in a branch office

COVERAGE_SQL = """
SELECT c.id, c.name, c.slug, d.name, b.name,
  (SELECT u.display_name FROM support_liaisonassignment a JOIN accounts_user u ON u.id = a.staff_id
   WHERE a.community_id = c.id AND a.ended_on IS NULL LIMIT 1),
  (SELECT MAX(t.contacted_on) FROM support_contact t WHERE t.community_id = c.id),
  (SELECT COUNT(*) FROM support_contact t WHERE t.community_id = c.id AND t.follow_up <> ''
   AND t.follow_up_done_on IS NULL)
FROM communities_community c JOIN communities_district d ON d.id = c.district_id
JOIN communities_branchoffice b ON b.id = d.branch_office_id ORDER BY c.name LIMIT 25"""
LIAISON_SQL = """
SELECT c.id, c.name, (SELECT MAX(t.contacted_on) FROM support_contact t WHERE t.community_id = c.id)
FROM communities_community c JOIN support_liaisonassignment a ON a.community_id = c.id
WHERE a.staff_id = (SELECT id FROM accounts_user WHERE username = 'bench-liaison') AND a.ended_on IS NULL"""
REPORT_SQL = [
    "SELECT topic_id, consulted_on, COUNT(*) FROM support_consultation WHERE consulted_on BETWEEN %s AND %s "
    "GROUP BY topic_id, consulted_on",
    "SELECT c.name, COUNT(*) FROM support_consultation s JOIN communities_community c ON c.id = s.community_id "
    "WHERE s.consulted_on BETWEEN %s AND %s GROUP BY c.name",
]
CONTACTS_SQL = """
SELECT t.*, c.name, c.slug, u.username FROM support_contact t JOIN communities_community c ON c.id = t.community_id
JOIN accounts_user u ON u.id = t.staff_id JOIN support_liaisonassignment a ON a.community_id = c.id
WHERE a.staff_id = (SELECT id FROM accounts_user WHERE username = 'bench-liaison') AND a.ended_on IS NULL
ORDER BY t.contacted_on DESC, t.id DESC LIMIT 50"""


def generate_support(communities: list, *, contacts_per_community: int = 6,
                     consultations_per_community: int = 4) -> None:
    """Liaisons (the bench liaison for the first communities, the city's staff elsewhere, every 7th uncovered),
    contacts with follow-ups, a dispatch request for every 5th community and the centre's consultations."""
    from kyodo.accounts.models import User
    from kyodo.support.models import Consultation, ConsultationTopic, Contact, DispatchRequest, LiaisonAssignment

    city = User.objects.get(username="bench-city")
    liaison = User.objects.create(username="bench-liaison", role="liaison", display_name="ベンチ 地域担当職員",
                                  password=city.password)
    advisor = User.objects.create(username="bench-advisor", role="advisor", display_name="ベンチ 相談員",
                                  password=city.password)
    topics = [ConsultationTopic.objects.get_or_create(name=name, defaults={"order": k})[0]
              for k, name in enumerate(TOPICS)]
    start = dt.date(2022, 4, 1)
    LiaisonAssignment.objects.bulk_create(
        [LiaisonAssignment(community=c, staff=liaison if i < LIAISON_COMMUNITIES else city,
                           started_on=dt.date(2022, 4, 1), handover_note="前任者からの引継ぎ")
         for i, c in enumerate(communities) if i % 7 != 6], batch_size=5000)
    Contact.objects.bulk_create(
        [Contact(community=c, staff=liaison if i < LIAISON_COMMUNITIES else city,
                 contacted_on=start + dt.timedelta(days=(i * 53 + k * 293) % 1700), way=WAYS[k % len(WAYS)],
                 summary="役員会に出席し、計画の進み具合を聞いた。", follow_up="資料を届ける" if k % 3 == 0 else "",
                 follow_up_due=start + dt.timedelta(days=(i * 53 + k * 293) % 1700 + 30) if k % 3 == 0 else None)
         for i, c in enumerate(communities) for k in range(contacts_per_community)], batch_size=5000)
    DispatchRequest.objects.bulk_create(
        [DispatchRequest(community=c, requested_by=city, requested_on=start + dt.timedelta(days=(i * 13) % 1600),
                         purpose="plan_revision", preferred_dates="平日の夜")
         for i, c in enumerate(communities) if i % 5 == 0], batch_size=5000)
    Consultation.objects.bulk_create(
        [Consultation(community=c, advisor=advisor, consulted_on=start + dt.timedelta(days=(i * 41 + k * 373) % 1700),
                      way=WAYS[k % len(WAYS)], topic=topics[(i + k) % len(topics)], summary="会計の相談",
                      advice="帳簿を科目ごとに整理する")
         for i, c in enumerate(communities) for k in range(consultations_per_community)], batch_size=5000)


def scenarios():
    """(name, kind, url, floor function, who)."""
    from django.db import connection

    def fetch(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    year = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    return [
        ("support_liaison_home", "html", "/staff/", lambda: fetch(LIAISON_SQL), "liaison"),
        ("support_coverage", "html", "/staff/support/",
         lambda: (fetch(COVERAGE_SQL), fetch("SELECT COUNT(*) FROM communities_community")), "city"),
        ("support_consultation_report", "html", "/staff/support/consultations/report/?year=2025",
         lambda: [fetch(sql, year) for sql in REPORT_SQL], "city"),
        ("api_support_contacts", "json", "/api/v1/support/staff/contacts?limit=50", lambda: fetch(CONTACTS_SQL),
         "liaison"),
    ]
