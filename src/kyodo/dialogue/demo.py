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
from kyodo.dialogue.models import Opinion, OpinionCategory, OpinionStatus, Outcome
from kyodo.fiscal_years import FiscalYear
from kyodo.plans.models import Department

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
    for opinion, transitions in built:
        building.save(opinion, transitions)
    return len(built)
