"""Demo data of the liaison work: a rotation with its handover note, and five fiscal years of contacts, so that
the ``liaison`` account finds follow-ups overdue and due soon, and the city finds a community gone quiet.

Dates are placed relative to today (none in the future), so the demo can be walked on any date.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.demo.steps import demo_step
from kyodo.fiscal_years import FiscalYear
from kyodo.support.models import Contact, LiaisonAssignment

SUMMARIES = (
    ("visit", "事務局を訪問し、今年度の事業の進み具合を伺った。"),
    ("meeting", "役員会に出席し、地域づくり計画の見直しの進め方を説明した。"),
    ("phone", "補助金の実績報告の書き方について電話で相談を受けた。"),
    ("email", "市の防災訓練の案内をメールで送り、参加の意向を確認した。"),
    ("visit", "地域の夏祭りの準備状況を伺い、道路使用の手続きを案内した。"),
    ("meeting", "地区の担い手不足について意見交換した。"),
)
DECLINED = "同じ時期に別の地区の見直しが重なるため、来年度にお願いしたい。"
HANDOVER = ("事務局長が今年度で交代予定。計画見直しの作業部会が月1回開かれている。"
            "集会所の改修について所管課との調整が続いている。")


def _former_liaison() -> User:
    user, created = User.objects.get_or_create(
        username="liaison-former",
        defaults={"display_name": "前任 一樹(デモ)", "role": Role.LIAISON, "is_demo": True, "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _staff_on(day: dt.date, assignments: list[LiaisonAssignment]) -> User:
    for assignment in assignments:
        if assignment.started_on <= day and (assignment.ended_on is None or day <= assignment.ended_on):
            return assignment.staff
    return assignments[-1].staff


def _rotation(current: LiaisonAssignment, former: User) -> list[LiaisonAssignment]:
    """The current assignment and a former one ending the day before it (made once)."""
    history = list(LiaisonAssignment.objects.filter(community=current.community).select_related("staff")
                   .order_by("-started_on"))
    if len(history) > 1:
        return history
    previous = LiaisonAssignment.objects.create(
        community=current.community, staff=former, started_on=dt.date(current.started_on.year - 3, 4, 1),
        ended_on=current.started_on - dt.timedelta(days=1), is_demo_data=True,
    )
    if not current.handover_note:
        current.handover_note = HANDOVER
        current.save(update_fields=["handover_note"])
    return [current, previous]


def _contacts(community_index: int, assignments: list[LiaisonAssignment], today: dt.date) -> list[Contact]:
    """About one contact every two months for five fiscal years; the third community has gone quiet lately."""
    community = assignments[0].community
    first = dt.date(FiscalYear.of(today).year - 4, 4, 10)
    quiet_since = today - dt.timedelta(days=150) if community_index == 2 else today
    rows, day, number = [], first, 0
    while day <= min(today - dt.timedelta(days=3), quiet_since):
        way, summary = SUMMARIES[(number + community_index) % len(SUMMARIES)]
        follow_up = "資料を届ける" if number % 3 == 0 else ""
        rows.append(Contact(
            community=community, staff=_staff_on(day, assignments), contacted_on=day, way=way, summary=summary,
            follow_up=follow_up, follow_up_due=day + dt.timedelta(days=14) if follow_up else None,
            follow_up_done_on=day + dt.timedelta(days=10) if follow_up else None, is_demo_data=True,
        ))
        day += dt.timedelta(days=61)
        number += 1
    if community_index < 2:
        # Waiting on the liaison today: one follow-up overdue, one due within two weeks.
        rows.append(Contact(
            community=community, staff=assignments[0].staff, contacted_on=today - dt.timedelta(days=20),
            way="visit", summary="計画見直しの作業部会に出席した。", follow_up="前回の計画の評価シートを届ける",
            follow_up_due=today - dt.timedelta(days=5), is_demo_data=True,
        ))
        rows.append(Contact(
            community=community, staff=assignments[0].staff, contacted_on=today - dt.timedelta(days=2),
            way="phone", summary="補助金の申請書類について問い合わせを受けた。", follow_up="所管課の回答を連絡する",
            follow_up_due=today + dt.timedelta(days=7 + community_index), is_demo_data=True,
        ))
    return rows


@demo_step(50)
@transaction.atomic
def create_demo_liaison_work() -> int:
    """A rotation and five years of contacts for the demo liaison's communities. Returns the contacts created."""
    today = timezone.localdate()
    liaison = User.objects.filter(username="liaison").first()
    if liaison is None:
        return 0
    former = _former_liaison()
    current = list(LiaisonAssignment.objects.filter(staff=liaison, ended_on__isnull=True)
                   .select_related("community", "staff").order_by("community_id"))
    created = 0
    for index, assignment in enumerate(current):
        if Contact.objects.filter(community=assignment.community).exists():
            continue
        rows = _contacts(index, _rotation(assignment, former), today)
        Contact.objects.bulk_create(rows)
        created += len(rows)
    return created


@demo_step(51)
@transaction.atomic
def create_demo_dispatch_requests() -> int:
    """Dispatch requests of the demo liaison's communities: one waiting for a decision, one the liaison is carrying
    out, one declined and one closed in earlier years. Returns how many were created."""
    from kyodo.support.dispatch_workflow import DISPATCH_WORKFLOW
    from kyodo.support.models import DispatchRequest, DispatchTransition, DispatchVisit

    liaison = User.objects.filter(username="liaison").first()
    city = User.objects.filter(username="city").first()
    secretariat = User.objects.filter(username="community").first()
    if liaison is None or city is None or DispatchRequest.objects.filter(is_demo_data=True).exists():
        return 0
    today = timezone.localdate()
    communities = [a.community for a in LiaisonAssignment.objects.filter(staff=liaison, ended_on__isnull=True)
                   .select_related("community").order_by("community_id")]
    if not communities:
        return 0
    stories = [  # (days ago, purpose, status)
        (700, "plan_drafting", "closed"), (400, "organisation", "declined"), (40, "plan_revision", "accepted"),
        (6, "organisation", "requested"),
    ]
    for index, (days, purpose, status) in enumerate(stories):
        community = communities[index % len(communities)]
        requested_on = today - dt.timedelta(days=days)
        asker = secretariat if secretariat and secretariat.community_id == community.pk else city
        request = DispatchRequest.objects.create(
            community=community, requested_by=asker, requested_on=requested_on, purpose=purpose,
            preferred_dates="平日の夜(役員会の日)", notes="進め方について相談したい。(デモデータ)", status=status,
            assigned_staff=liaison if status in ("accepted", "closed") else None,
            decline_reason=DECLINED if status == "declined" else "",
            outcome="計画案ができ、総会で承認された。" if status == "closed" else "", is_demo_data=True,
        )
        steps: list[tuple[str, str, str]] = []
        if status in ("accepted", "closed"):
            steps.append(("requested", "accept", ""))
            for visit in range(2):
                visited_on = requested_on + dt.timedelta(days=10 + 14 * visit)
                DispatchVisit.objects.create(request=request, visited_on=visited_on, staff=liaison,
                                             summary="作業部会で計画の進め方を説明した。")
                steps.append(("accepted", "log_visit", f"{visited_on} 作業部会"))
            if status == "closed":
                steps.append(("accepted", "close", request.outcome))
        if status == "declined":
            steps.append(("requested", "decline", request.decline_reason))
        for before, action, comment in steps:
            DispatchTransition.objects.create(
                request=request, from_status=before, to_status=DISPATCH_WORKFLOW.action(action).target,
                action=action, actor=liaison if action in ("log_visit", "close") else city, comment=comment,
            )
    return len(stories)


TOPICS = ("会計", "地域づくり計画", "イベント", "人材確保", "補助金")
CONSULTED = (
    ("決算書の作り方について", "科目ごとの整理の仕方を説明し、様式を渡した。"),
    ("計画の評価の進め方について", "住民アンケートの例を紹介した。"),
    ("夏祭りのボランティア募集について", "募集チラシの作り方と配布先を助言した。"),
    ("若い役員の確保について", "他地区の事例を紹介した。"),
    ("補助金の実績報告について", "領収書の整理の仕方を説明した。"),
)


@demo_step(52)
@transaction.atomic
def create_demo_consultations() -> int:
    """The centre's topics and five fiscal years of consultations by the demo advisor, two with a follow-up due
    soon. Returns how many consultations were created."""
    from kyodo.communities.models import Community
    from kyodo.support.models import Consultation, ConsultationTopic

    advisor = User.objects.filter(username="advisor").first()
    topics = [ConsultationTopic.objects.get_or_create(name=name, defaults={"order": index})[0]
              for index, name in enumerate(TOPICS)]
    if advisor is None or Consultation.objects.filter(is_demo_data=True).exists():
        return 0
    communities = list(Community.objects.order_by("pk")[:6])
    if not communities:
        return 0
    today = timezone.localdate()
    day, rows, number = dt.date(FiscalYear.of(today).year - 4, 4, 15), [], 0
    while day <= today - dt.timedelta(days=2):
        summary, advice = CONSULTED[number % len(CONSULTED)]
        rows.append(Consultation(
            community=communities[number % len(communities)], advisor=advisor, consulted_on=day,
            way=("visit", "phone", "meeting", "email")[number % 4], topic=topics[number % len(topics)],
            summary=summary, advice=advice, is_demo_data=True,
        ))
        day += dt.timedelta(days=23)
        number += 1
    for offset in (3, 9):  # waiting on the advisor
        rows.append(Consultation(
            community=communities[offset % len(communities)], advisor=advisor,
            consulted_on=today - dt.timedelta(days=offset), way="visit", topic=topics[0],
            summary="会計ソフトの導入について", advice="候補を二つ紹介し、次回に操作を説明することにした。",
            follow_up_on=today + dt.timedelta(days=offset), is_demo_data=True,
        ))
    Consultation.objects.bulk_create(rows)
    return len(rows)
