"""Participation by age band per community and fiscal year, city staff trainings per department, a
person's training history, and the demo data."""

from __future__ import annotations

import pytest

from kyodo.audit.models import AuditEvent
from kyodo.events import reports
from kyodo.events.attendance import mark_attended
from kyodo.events.demo import create_demo_events
from kyodo.events.models import Event, EventKind, Registration
from kyodo.fiscal_years import FiscalYear
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def _attend(event, number, **fields):
    registration = make_registration(event, number, **fields)
    return mark_attended(registration, actor=registration.event.created_by)


def test_age_bands_per_community_with_the_youth_share(world):
    event = make_event(days_ahead=1)
    year = FiscalYear.of(event.starts_at.date()).year
    _attend(event, 1, age_band="under_20", community=world.community_a)
    _attend(event, 2, age_band="60s", community=world.community_a)
    _attend(event, 3, age_band="70_over", community=world.community_b)
    make_registration(event, 4, age_band="20s", community=world.community_a)  # registered, did not come
    rows, total = reports.age_bands_by_community(world.users["city_admin"], year)
    by_name = {row.label: row for row in rows}
    assert by_name[world.community_a.name].total == 2 and by_name[world.community_a.name].youth_percent == 50
    assert total.total == 3 and total.youth == 1
    own_rows, _total = reports.age_bands_by_community(world.users["community_secretariat"], year)
    assert [row.label for row in own_rows] == [world.community_a.name]
    page = world.client("community_officer").get(f"/staff/events/participation/?year={year}").content.decode()
    assert world.community_a.name in page and world.community_b.name not in page and "50%" in page
    assert reports.age_bands_by_community(world.users["city_admin"], year - 1)[1].total == 0


def test_city_staff_training_per_department_and_a_persons_history(world):
    tiered = EventKind.objects.create(name="市職員協働研修", slug="city-staff", category="tiered", tier="city_staff")
    event = make_event(audience="city_staff", kind=tiered, days_ahead=1)
    from kyodo.events.registering import register
    from tests.events.factories import person

    staff = register(event, user=world.users["department_staff"], **person(7))
    mark_attended(staff, actor=world.users["city_admin"])
    year = FiscalYear.of(event.starts_at.date()).year
    assert reports.staff_training_by_department(year) == [(world.department.name, 1)]

    history = reports.training_history("イチノセキ タロウ7", "0191-21-2007")
    assert [r.pk for r in history] == [staff.pk]
    client = world.client("city_admin")
    page = client.get("/staff/events/history/?kana=いちのせき たろう7&contact=0191-21-2007").content.decode()
    assert "市職員協働研修" in page and "市職員" in page
    assert AuditEvent.objects.filter(action="event.training_history_viewed").count() == 1


def test_the_demo_has_five_years_and_is_idempotent(world):
    created = create_demo_events()
    assert created == 30
    assert create_demo_events() == 0
    years = {FiscalYear.of(e.starts_at.date()).year for e in Event.objects.all()}
    assert len(years) == 5
    assert Registration.objects.filter(attended_at__isnull=False).exists()
    assert Event.objects.filter(status="published").exists() or Event.objects.filter(status="closed").count() == 30
