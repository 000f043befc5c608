"""Fixtures for the plans app: Ichinoseki's plans as loaded from the package's data file."""

from __future__ import annotations

import pytest

from kyodo.plans.loading import load_promotion_plans
from kyodo.plans.models import Measure, PromotionPlan


@pytest.fixture
def ichinoseki(db) -> PromotionPlan:
    """The 1st and 2nd plans loaded; returns the 2nd (current) plan.

    With the ``world`` fixture, request ``world`` first: it creates まちづくり推進課 itself, and the
    loader reuses it (the reverse order would create it twice).
    """
    load_promotion_plans()
    return PromotionPlan.objects.get(number=2)


@pytest.fixture
def measure_3(ichinoseki) -> Measure:
    return Measure.objects.select_related("policy__plan").get(policy__plan=ichinoseki, number=3)
