"""The home page and /plans/ say whether the plan is in force on today's date: an ended plan is labelled ended."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from kyodo.plans.loading import load_promotion_plans
from kyodo.plans.models import PromotionPlan


def _on(monkeypatch, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.django_db
def test_the_second_plan_is_labelled_ended_after_march_2024(monkeypatch):
    load_promotion_plans()
    second = PromotionPlan.objects.get(number=2)
    assert second.is_current and second.end_fiscal_year == 2023
    _on(monkeypatch, dt.date(2026, 12, 1))
    for url in ("/", "/plans/"):
        html = Client().get(url).content.decode()
        assert "終了した計画" in html and 'id="plan-ended"' in html, url
        assert "令和5年度(2023年度)で終了しました" in html, url
        assert "現行計画</span>" not in html, url


@pytest.mark.django_db
def test_within_its_period_the_plan_is_current(monkeypatch):
    load_promotion_plans()
    _on(monkeypatch, dt.date(2022, 6, 1))
    for url in ("/", "/plans/"):
        html = Client().get(url).content.decode()
        assert 'id="plan-ended"' not in html, url
    header = Client().get("/plans/").content.decode().split('<div class="page-header">')[1].split("</div>")[0]
    assert "現行計画</span>" in header and "終了した計画" not in header
    # The 1st plan (H26–H30) has ended: labelled so among the other plans.
    assert "終了した計画" in Client().get("/plans/2/").content.decode()
