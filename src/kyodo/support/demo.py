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
