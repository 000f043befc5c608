"""Registering, the waiting list, cancelling by link, and the window: the capacity is never exceeded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.events import registering, services
from kyodo.events.models import Audience, Channel, EventStatus, Registration
from tests.events.factories import make_event, make_registration, person

pytestmark = pytest.mark.django_db


def test_places_then_waiting_list_then_promotion_on_cancellation(world):
    event = make_event(world.community_a, capacity=2)
    first, second, third, fourth = (make_registration(event, n) for n in range(1, 5))
    assert [r.status for r in (first, second, third, fourth)] == ["confirmed", "confirmed", "waiting", "waiting"]

    promoted = registering.cancel(second)
    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    assert third.status == "confirmed" and third.promoted_at is not None
    assert Registration.objects.get(pk=fourth.pk).status == "waiting"
    assert event.registrations.filter(status="confirmed").count() == 2


def test_cancelling_twice_changes_nothing(world):
    event = make_event(capacity=1)
    only, waiting = make_registration(event, 1), make_registration(event, 2)
    registering.cancel(only)
    assert registering.cancel(Registration.objects.get(pk=only.pk)) == []
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


@pytest.mark.parametrize(("change", "message"), [
    ({"status": EventStatus.DRAFT}, "受け付けていません"),
    ({"status": EventStatus.CLOSED}, "受け付けていません"),
    ({"registration_opens_at_days": 2}, "まだ始まっていません"),
    ({"registration_closes_at_days": -1}, "終了しました"),
])
def test_outside_the_window_nothing_is_registered(world, change, message):
    now = timezone.now()
    fields = {}
    if "status" in change:
        fields["status"] = change["status"]
    if "registration_opens_at_days" in change:
        fields["registration_opens_at"] = now + dt.timedelta(days=2)
    if "registration_closes_at_days" in change:
        fields["registration_opens_at"] = now - dt.timedelta(days=5)
        fields["registration_closes_at"] = now - dt.timedelta(days=1)
    event = make_event(**fields)
    with pytest.raises(ValidationError) as refused:
        make_registration(event)
    assert message in " ".join(refused.value.messages)
    assert not Registration.objects.exists()


def test_the_same_person_twice_is_refused(world):
    event = make_event()
    make_registration(event, 1)
    with pytest.raises(ValidationError, match="すでに申込み"):
        make_registration(event, 1)
    assert event.registrations.count() == 1


def test_a_communities_event_needs_the_community(world):
    event = make_event(audience=Audience.COMMUNITIES)
    with pytest.raises(ValidationError):
        make_registration(event)
    assert make_registration(event, community=world.community_a).community == world.community_a


def test_a_city_staff_training_takes_city_staff_only(world):
    event = make_event(audience=Audience.CITY_STAFF)
    with pytest.raises(ValidationError, match="市職員のみ"):
        registering.register(event, user=world.users["community_secretariat"], **person())
    registration = registering.register(event, user=world.users["department_staff"], **person())
    assert registration.user == world.users["department_staff"] and registration.channel == Channel.ACCOUNT


def test_staff_register_a_phone_call_after_the_window_and_it_is_audited(world):
    now = timezone.now()
    event = make_event(world.community_a, registration_opens_at=now - dt.timedelta(days=5),
                       registration_closes_at=now - dt.timedelta(days=1))
    secretary = world.users["community_secretariat"]
    registration = registering.register(event, actor=secretary, channel=Channel.PHONE, **person())
    assert registration.registered_by == secretary and registration.channel == "phone"
    assert AuditEvent.objects.filter(action="event_registration.register", object_id=str(registration.pk)).exists()
    with pytest.raises(PermissionDenied):
        registering.register(event, actor=world.users["advisor"], channel=Channel.PAPER, **person(2))


def test_a_larger_capacity_promotes_and_a_smaller_one_below_the_confirmed_is_refused(world):
    event = make_event(world.community_a, capacity=1)
    make_registration(event, 1)
    waiting = make_registration(event, 2)
    city = world.users["city_admin"]
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    services.update_event(event, actor=city, version=event.version, **(fields | {"capacity": 2}))
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    event.refresh_from_db()
    with pytest.raises(ValidationError):
        services.update_event(event, actor=city, version=event.version, **(fields | {"capacity": 1}))
    event.refresh_from_db()
    assert event.capacity == 2


def test_a_community_organises_only_its_own_events(world):
    secretary = world.users["community_secretariat"]
    fields = {
        "kind": make_event().kind, "title": "交流会", "place": "公民館", "capacity": 5,
        "starts_at": timezone.now() + dt.timedelta(days=3), "ends_at": timezone.now() + dt.timedelta(days=3, hours=1),
        "registration_opens_at": timezone.now(), "registration_closes_at": timezone.now() + dt.timedelta(days=2),
        "audience": "public", "organiser": "community",
    }
    with pytest.raises(ValidationError):
        services.create_event(actor=secretary, **fields, organiser_community=world.community_b)
    event = services.create_event(actor=secretary, **fields, organiser_community=world.community_a)
    assert event.status == "draft" and secretary.has_perm("events.manage_event", event)
    assert not world.users["branch_staff"].has_perm("events.manage_event", make_event(world.community_b))
