"""After the retention period, names and contacts go (history rows too); the figures stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from kyodo.events.attendance import mark_attended
from kyodo.events.models import Registration
from kyodo.events.retention import ANONYMOUS, anonymise
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_old_registrations_are_anonymised_and_recent_ones_kept(world):
    old = make_event(days_ahead=1)
    recent = make_event(days_ahead=2, title="最近の催し")
    gone = mark_attended(make_registration(old, 1, community=world.community_a), actor=old.created_by)
    kept = make_registration(recent, 2)
    assert Registration.history.filter(id=gone.pk).exists()
    count = anonymise(days=0, now=old.ends_at + dt.timedelta(minutes=1))
    assert count == 1
    gone.refresh_from_db()
    assert (gone.name, gone.name_kana, gone.contact, gone.user) == (ANONYMOUS, "", "", None)
    assert gone.age_band == "20s" and gone.community == world.community_a and gone.attended_at is not None
    assert not Registration.history.filter(id=gone.pk).exists()
    assert Registration.objects.get(pk=kept.pk).name == "一関 太郎2"


def test_the_command_refuses_a_negative_period(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("anonymise_registrations", "--days", "-1")
