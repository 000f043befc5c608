"""The demo can be walked end to end with the printed accounts on whatever date it is set up.

setup_demo runs with today's date frozen at several points of the fiscal year (and at the start of a year
the demo data file has no rule for); then, signed in with the demo accounts and their password: the
community submits its draft, the 本庁 reviewer recommends it, the city awards it.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kyodo.accounts.models import User
from kyodo.demo.accounts import DEMO_PASSWORD
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import Application, ProgramRule

DATES = [dt.date(2026, 12, 1), dt.date(2026, 4, 10), dt.date(2027, 3, 30), dt.date(2027, 4, 2)]


@pytest.fixture
def frozen_today(monkeypatch):
    """Freeze ``timezone.now`` (and so ``localdate`` and the current fiscal year) on a day, 10:00 local time;
    each call is a microsecond later, so records keep their order."""

    def freeze(day: dt.date) -> None:
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
        ticks = itertools.count()
        monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(microseconds=next(ticks)))

    return freeze


def signed_in(username: str) -> Client:
    """A client signed in through the sign-in page, with the printed password."""
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, (username, response.content.decode()[:1000])
    return client


def act(client: Client, application: Application, action: str, **fields: object) -> Application:
    data = {f"{action}-version": application.version, **{f"{action}-{key}": value for key, value in fields.items()}}
    response = client.post(reverse(f"grants_staff:application-{action}", args=[application.pk]), data)
    assert response.status_code == 302, (action, response.status_code, response.content.decode()[:2000])
    return Application.objects.get(pk=application.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("today", DATES, ids=str)
def test_the_grant_journey_walks_with_the_printed_accounts(settings, frozen_today, today):
    settings.DEMO_MODE = True
    frozen_today(today)
    call_command("setup_demo", verbosity=0, stdout=None)
    year = FiscalYear.of(today).year

    # Every demo rule of the current fiscal year is open today.
    rules = ProgramRule.objects.filter(fiscal_year=year)
    assert rules.exists()
    for rule in rules:
        assert rule.application_opens_on <= today <= rule.application_closes_on, rule

    community_user = User.objects.get(username="community")
    draft = Application.objects.get(community=community_user.community, fiscal_year=year, status="draft")

    community = signed_in("community")
    page = community.get(reverse("grants_staff:application-detail", args=[draft.pk])).content.decode()
    assert reverse("grants_staff:application-submit", args=[draft.pk]) in page
    draft = act(community, draft, "submit")
    assert draft.status == "submitted"

    # 山目 is in the 本庁 area: まちづくり推進課's reviewer recommends, another city official decides.
    honcho = signed_in("honcho")
    draft = act(honcho, draft, "recommend")
    assert draft.status == "recommended"
    city = signed_in("city")
    draft = act(city, draft, "award", amount_yen=draft.requested_yen, decision_number=f"一協第{year}-900号",
                decided_on=today.isoformat())
    assert draft.status == "awarded"
    assert draft.award.amount_yen == draft.requested_yen

    # The branch account has an application of its own branch's communities to review.
    branch_user = User.objects.get(username="branch")
    waiting = Application.objects.filter(
        community__district__branch_office=branch_user.branch_office, status="submitted").first()
    assert waiting is not None
    act(signed_in("branch"), waiting, "recommend")

    # Volunteering (measure 7): the community confirms a sign-up waiting for it and records nothing yet.
    from kyodo.participation.models import Signup

    applied = Signup.objects.filter(opportunity__community=community_user.community, status="applied",
                                    opportunity__status="published").first()
    assert applied is not None
    response = community.post(reverse("participation_staff:signup-confirm", args=[applied.opportunity_id, applied.pk]))
    assert response.status_code == 302
    assert Signup.objects.get(pk=applied.pk).status == "confirmed"
