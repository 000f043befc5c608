"""The demo: five fiscal years of opportunities relative to today, one open now with sign-ups waiting
for its community's confirmation; running it again adds nothing."""

from __future__ import annotations

import pytest

from kyodo.fiscal_years import FiscalYear
from kyodo.participation.demo import create_demo_opportunities
from kyodo.participation.models import Opportunity, Signup
from kyodo.participation.signing_up import window_problem

pytestmark = pytest.mark.django_db


def test_the_demo_has_five_years_and_an_open_opportunity_waiting_for_confirmation(world):
    created = create_demo_opportunities()
    assert created > 5
    assert create_demo_opportunities() == 0
    years = {FiscalYear.of(o.starts_at.date()).year for o in Opportunity.objects.all()}
    assert len(years) == 5
    assert Signup.objects.filter(attended_at__isnull=False).exists()
    open_now = [o for o in Opportunity.objects.filter(status="published") if not window_problem(o)]
    assert open_now
    assert Signup.objects.filter(opportunity__in=open_now, status="applied").exists()
