"""Demo opinions of five fiscal years: every state and every outcome, and answers waiting on the ``dept``
account's department (one of them overdue), dated relative to today so the demo can be walked any day.

Idempotent: once demo opinions exist nothing is added.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle

from django.db import transaction
from django.utils import timezone

from kyodo.accounts.models import User
from kyodo.communities.models import Community
from kyodo.demo.steps import demo_step
from kyodo.dialogue import building
from kyodo.dialogue.demo_files import add_demo_minutes
from kyodo.dialogue.meeting_workflow import MEETING_WORKFLOW
from kyodo.dialogue.models import (
    Meeting,
    MeetingKind,
    MeetingStatus,
    MeetingTransition,
    Opinion,
    OpinionCategory,
    OpinionStatus,
    Outcome,
)
from kyodo.dialogue.outcomes import outcome_values
from kyodo.fiscal_years import FiscalYear
from kyodo.plans.models import Department, Measure
from kyodo.plans.queries import current_plan

S = OpinionStatus
CATEGORIES = ("防災・安全", "道路・交通", "福祉・子育て", "環境・景観", "地域活動・協働", "その他")
TITLES = (
    "避難所までの道に街灯を増やしてほしい", "通学路の見通しの悪い交差点に注意喚起の表示を",
    "高齢者の買い物支援の仕組み",
    "空き家を地域の交流の場に使いたい", "地域づくり計画の取組に使える補助の拡充", "市民センターの開館時間の延長",
    "路線バスの便数の確保", "河川敷の草刈りの回数", "子どもの居場所づくりへの支援", "自主防災組織の資機材の更新",
)
# The current fiscal year: (state, outcome, days ago received, answer due in days from today).
CURRENT: list[tuple[str, str, int, int]] = [
    (S.RECEIVED, "", 3, 0), (S.RECEIVED, "", 10, 0),
    (S.ROUTED, "", 20, 10), (S.ROUTED, "", 45, -5), (S.ROUTED, "", 30, 20),
    (S.ANSWERED, Outcome.BUDGET, 60, 0), (S.RETURNED, Outcome.STUDY, 70, 7),
    (S.REVIEWED, Outcome.PLAN, 80, 0),
    (S.PUBLISHED, Outcome.PLAN, 120, 0), (S.PUBLISHED, Outcome.BUDGET, 110, 0),
    (S.PUBLISHED, Outcome.OPERATIONS, 100, 0), (S.PUBLISHED, Outcome.STUDY, 95, 0),
    (S.PUBLISHED, Outcome.IMPOSSIBLE, 90, 0),
]
OLD_PER_YEAR = 6
YEARS = 5


def categories() -> list[OpinionCategory]:
    return [OpinionCategory.objects.get_or_create(name=name, defaults={"order": index})[0]
            for index, name in enumerate(CATEGORIES, start=1)]


@transaction.atomic
@demo_step(40)
def create_demo_opinions() -> int:
    """Make the demo opinions (needs communities, departments and the demo accounts)."""
    kinds = categories()
    if Opinion.objects.filter(is_demo_data=True).exists():
        return 0
    city = User.objects.filter(username="city").first()
    dept = User.objects.filter(username="dept").first()
    communities = list(Community.objects.select_related("district").order_by("pk")[:8])
    if city is None or dept is None or dept.department is None or not communities:
        return 0
    cast = building.Cast(city=city, department_staff=dept)
    others = list(Department.objects.exclude(pk=dept.department.pk).order_by("order", "pk")[:3])
    departments = cycle([[dept.department], *[[other] for other in others], [dept.department, *others[:1]]])
    places = cycle(communities)
    titles = cycle(TITLES)
    category = cycle(kinds)
    today = timezone.localdate()
    built = []

    def add(status: str, outcome: str, received_on: dt.date, due_in_days: int, routed_to: list[Department]) -> None:
        community = next(places)
        built.append(building.build(
            status=status, cast=cast, category=next(category), district=community.district, community=community,
            departments=routed_to if status != S.RECEIVED else [], received_on=received_on, title=next(titles),
            outcome=outcome or Outcome.OPERATIONS, due_in_days=due_in_days, is_demo_data=True,
        ))

    for status, outcome, days_ago, due_from_today in CURRENT:
        received_on = today - dt.timedelta(days=days_ago)
        waiting = status in (S.ROUTED, S.RETURNED)
        add(status, outcome, received_on, days_ago + due_from_today if waiting else 30,
            [dept.department] if waiting else next(departments))
    outcomes = cycle(Outcome.values)
    this_year = FiscalYear.current().year
    for year in range(this_year - YEARS + 1, this_year):
        for index in range(OLD_PER_YEAR):
            received_on = FiscalYear(year).starts_on + dt.timedelta(days=30 + index * 45)
            add(S.PUBLISHED, next(outcomes), received_on, 30, next(departments))
    meetings = create_demo_meetings(city, communities)
    add_demo_minutes(city, meetings)
    create_demo_requests(city, meetings)
    held = cycle([m for m in meetings if m.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED)] or [None])
    reflected_in = _demo_measure()
    for index, (opinion, transitions) in enumerate(built):
        if reflected_in is not None and opinion.outcome == Outcome.PLAN:  # the measure's page lists these
            for name, value in outcome_values({"outcome": Outcome.PLAN, "outcome_plan_measure": reflected_in}).items():
                setattr(opinion, name, value)
        meeting = next(held) if index % 3 == 0 else None
        if meeting is not None and meeting.starts_at.date() <= opinion.received_on:
            opinion.meeting, opinion.source, opinion.source_note = meeting, "meeting", meeting.title
        building.save(opinion, transitions)
    return len(built)


def _demo_measure() -> Measure | None:
    """The current plan's measure on reflecting community plans in city policy (事業3), where answers go."""
    plan = current_plan()
    if plan is None:
        return None
    return Measure.objects.filter(policy__plan=plan).order_by("number").filter(number=3).first()


# (kind, state, days from today) of the current year's meetings; older years: one of each kind, minutes published.
MEETINGS = [
    ("移動市長室", MeetingStatus.PLANNED, 20), ("意見交換会", MeetingStatus.PLANNED, 45),
    ("住民懇談会", MeetingStatus.HELD, -10), ("意見交換会", MeetingStatus.MINUTES_PUBLISHED, -60),
    ("移動市長室", MeetingStatus.MINUTES_PUBLISHED, -150), ("その他", MeetingStatus.CANCELLED, 10),
]
MINUTES = "防災、交通、子育ての3点について意見が出された。"
STANDARD_MEETING_KINDS = ("移動市長室", "意見交換会", "住民懇談会", "その他")  # as migration 0002 seeds them
PATH = {MeetingStatus.PLANNED: [], MeetingStatus.HELD: ["hold"],
        MeetingStatus.MINUTES_PUBLISHED: ["hold", "publish_minutes"], MeetingStatus.CANCELLED: ["cancel"]}


def create_demo_meetings(city: User, communities: list[Community]) -> list[Meeting]:
    """Meetings of every kind and state: this year's around today, and one of each kind in each past year."""
    if not MeetingKind.objects.exists():  # a database emptied after its migrations (the kinds are seeded there)
        MeetingKind.objects.bulk_create(MeetingKind(name=name, order=order)
                                        for order, name in enumerate(STANDARD_MEETING_KINDS, start=1))
    kinds = {kind.name: kind for kind in MeetingKind.objects.all()}
    today = timezone.localdate()
    plan = [(name, state, today + dt.timedelta(days=days)) for name, state, days in MEETINGS]
    this_year = FiscalYear.current().year
    for year in range(this_year - YEARS + 1, this_year):
        plan += [(name, MeetingStatus.MINUTES_PUBLISHED, FiscalYear(year).starts_on + dt.timedelta(days=60 + 50 * i))
                 for i, name in enumerate(("移動市長室", "意見交換会", "住民懇談会"))]
    places = cycle(communities)
    made = []
    for name, state, day in plan:
        community = next(places)
        kind = kinds.get(name) or next(iter(kinds.values()))
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(18, 30)))
        steps = PATH[state]
        held = state in (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED)
        meeting = Meeting.objects.create(
            kind=kind, title=f"{community.district.name}地区 {kind.name}", status=state, starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2), place_district=community.district,
            agenda="地域づくり計画の進み具合と、地域の困りごとについて", planned_by=city, is_demo_data=True,
            fiscal_year=FiscalYear.of(day).year, version=len(steps) + 1,
            minutes=MINUTES if state == MeetingStatus.MINUTES_PUBLISHED else "",
            cancel_reason="荒天が見込まれるため。" if state == MeetingStatus.CANCELLED else "",
            attendance_residents=30 if held else None, attendance_communities=8 if held else None,
            attendance_city=5 if held else None, attendance_other=2 if held else None,
        )
        meeting.districts.set([community.district])
        meeting.communities.set([community])
        before: str = MeetingStatus.PLANNED
        for step in steps:
            target = MEETING_WORKFLOW.action(step).target
            MeetingTransition.objects.create(meeting=meeting, from_status=before, to_status=target, action=step,
                                             actor=city)
            before = target
        made.append(meeting)
    return made


DECLINED = "希望日に市長の日程が取れないため、次回の移動市長室をご案内します。"


def create_demo_requests(city: User, meetings: list[Meeting]) -> None:
    """Requests of the demo community: one waiting, one scheduled into a planned meeting, one declined."""
    from kyodo.dialogue.models import MeetingRequest, MeetingRequestTransition

    member = User.objects.filter(username="community").select_related("community__district").first()
    planned = next((m for m in meetings if m.status == MeetingStatus.PLANNED), None)
    kind = MeetingKind.objects.order_by("order").first()
    if member is None or member.community is None or planned is None or kind is None:
        return
    today = timezone.localdate()
    for status, days in (("requested", 40), ("scheduled", 20), ("declined", 30)):
        request = MeetingRequest.objects.create(
            community=member.community, kind=kind, status=status, requested_by=member, is_demo_data=True,
            purpose="地域づくり計画の見直しについて、市と意見交換をしたい。",
            first_choice_on=today + dt.timedelta(days=days),
            meeting=planned if status == "scheduled" else None, version=1 if status == "requested" else 2,
            decline_reason=DECLINED if status == "declined" else "",
        )
        if status == "scheduled":
            planned.communities.add(member.community)
        if status != "requested":
            MeetingRequestTransition.objects.create(
                request=request, from_status="requested", to_status=status, actor=city,
                action="schedule" if status == "scheduled" else "decline", comment=request.decline_reason)
