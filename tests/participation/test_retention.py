"""After the retention period, names and contacts go (history rows too); the figures stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kyodo.participation.models import Signup
from kyodo.participation.retention import ANONYMOUS, anonymise
from tests.participation.factories import make_opportunity, make_signup

pytestmark = pytest.mark.django_db


def test_old_sign_ups_are_anonymised_and_recent_ones_kept(world):
    old = make_opportunity(world.community_a, days_ahead=1)
    recent = make_opportunity(world.community_a, days_ahead=2, title="最近の活動")
    gone = make_signup(old, 1, name_kana="いちのせき はなこ", community=world.community_b)
    kept = make_signup(recent, 2)
    assert Signup.history.filter(id=gone.pk).exists()
    assert anonymise(days=0, now=old.ends_at + dt.timedelta(minutes=1)) == 1
    gone.refresh_from_db()
    assert (gone.name, gone.name_kana, gone.contact, gone.is_anonymised) == (ANONYMOUS, "", "", True)
    assert gone.age_band == "20s" and gone.community == world.community_b
    assert not Signup.history.filter(id=gone.pk).exists()
    assert Signup.objects.get(pk=kept.pk).name == "一関 花子2"
    assert anonymise(days=0, now=old.ends_at + dt.timedelta(minutes=1)) == 0


def test_the_command_refuses_a_negative_period_and_reports_the_count(world, capsys):
    with pytest.raises(CommandError):
        call_command("anonymise_signups", "--days", "-1")
    call_command("anonymise_signups")
    assert "anonymised 0 sign-ups" in capsys.readouterr().out
