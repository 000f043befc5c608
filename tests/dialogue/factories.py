"""Opinions in any state for the tests, made by the same builder as the demo and the benchmark."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.dialogue import building
from kyodo.dialogue.models import Opinion, OpinionCategory
from kyodo.plans.models import Department


def ensure_category(name: str = "防災・安全") -> OpinionCategory:
    return OpinionCategory.objects.get_or_create(name=name)[0]


def _builder_cast(department: Department) -> building.Cast:
    city, _ = User.objects.get_or_create(username="t_builder_city", defaults={"role": Role.CITY_ADMIN})
    staff, _ = User.objects.get_or_create(username=f"t_builder_dept_{department.pk}",
                                          defaults={"role": Role.DEPARTMENT_STAFF, "department": department})
    return building.Cast(city=city, department_staff=staff)


def default_department() -> Department:
    return Department.objects.get_or_create(name="まちづくり推進課")[0]


def opinion_in_state(community, status: str, *, department: Department | None = None, outcome: str = "operations",
                     received_on: dt.date | None = None, due_in_days: int = 30, title: str = "街灯を増やしてほしい",
                     category: OpinionCategory | None = None, body: str = "") -> Opinion:
    department = department or default_department()
    opinion, transitions = building.build(
        status=status, cast=_builder_cast(department), category=category or ensure_category(),
        district=community.district, community=community, departments=[department],
        received_on=received_on or timezone.localdate() - dt.timedelta(days=2), title=title, body=body,
        outcome=outcome, due_in_days=due_in_days,
    )
    return building.save(opinion, transitions)
