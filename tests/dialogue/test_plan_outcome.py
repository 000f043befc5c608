"""An answer "reflected in a city plan" names one of kyodo's measures (plans.Measure) when it can, with the
plan's and measure's names copied for display, or names a plan outside kyodo in text; the public page links
to the measure; a measure that does not exist is refused (form and API) and nothing changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.audit.models import AuditEvent
from kyodo.dialogue.models import Opinion
from kyodo.dialogue.outcomes import outcome_problems
from tests.dialogue.factories import opinion_in_state
from tests.factories import MeasureFactory, PolicyFactory, PromotionPlanFactory

BASE = "/api/v1/dialogue"


@pytest.fixture
def measure(db):
    plan = PromotionPlanFactory(number=7, title="第7次協働推進計画")
    return MeasureFactory(policy=PolicyFactory(plan=plan, number=1), number=4, title="地域の話し合いの場づくり")


def _answer_form(opinion, **fields):
    data = {"answer-version": str(opinion.version), "answer-answer": "計画に位置付けます。", "answer-outcome": "plan"}
    return data | {f"answer-{name}": value for name, value in fields.items()}


def test_a_department_picks_a_measure_of_a_kyodo_plan(world, measure):
    opinion = opinion_in_state(world.community_a, "routed")
    client = world.client("department_staff")
    page = client.get(opinion.staff_url).content.decode()
    assert "第7次協働推進計画 事業4 地域の話し合いの場づくり" in page
    response = client.post(reverse("dialogue_staff:opinion-answer", args=[opinion.pk]),
                           _answer_form(opinion, outcome_plan_measure=str(measure.pk)))
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert (opinion.status, opinion.outcome_plan_measure, opinion.outcome_plan, opinion.outcome_measure) == (
        "answered", measure, "第7次協働推進計画", "事業4 地域の話し合いの場づくり")
    event = AuditEvent.objects.filter(action__startswith="opinion.answer").latest("pk")
    assert event.data["outcome_plan_measure"] == measure.pk

    Opinion.objects.filter(pk=opinion.pk).update(status="published")
    public = Client().get(opinion.get_absolute_url()).content.decode()
    assert measure.get_absolute_url() in public and "事業4 地域の話し合いの場づくり" in public


def test_a_plan_outside_kyodo_is_named_in_text(world, measure):
    opinion = opinion_in_state(world.community_a, "routed")
    response = world.client("department_staff").post(
        reverse("dialogue_staff:opinion-answer", args=[opinion.pk]),
        _answer_form(opinion, outcome_plan="一関市総合計画", outcome_measure="地域づくりの推進"))
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert (opinion.outcome_plan_measure, opinion.outcome_plan) == (None, "一関市総合計画")


def test_neither_a_measure_nor_a_named_plan_is_refused(world, measure):
    assert set(outcome_problems({"outcome": "plan"})) == {"outcome_plan", "outcome_measure"}
    assert outcome_problems({"outcome": "plan", "outcome_plan_measure": measure}) == {}
    opinion = opinion_in_state(world.community_a, "routed")
    response = world.client("department_staff").post(
        reverse("dialogue_staff:opinion-answer", args=[opinion.pk]),
        _answer_form(opinion, outcome_plan_measure="987654"))
    assert response.status_code == 422
    assert "選べない施策です。" in response.content.decode()
    assert Opinion.objects.get(pk=opinion.pk).status == "routed"


def test_the_api_takes_a_measure_id(world, measure):
    opinion = opinion_in_state(world.community_a, "routed")
    client = world.client("department_staff")
    url = f"{BASE}/staff/opinions/{opinion.pk}/answer"
    body = {"version": opinion.version, "answer": "計画に位置付けます。", "outcome": "plan"}
    response = client.post(url, body | {"outcome_plan_measure": 987654}, content_type="application/json")
    assert response.status_code == 422 and "選べない施策です。" in str(response.json())
    assert Opinion.objects.get(pk=opinion.pk).status == "routed"
    response = client.post(url, body | {"outcome_plan_measure": measure.pk}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["outcome_plan_measure_id"], response.json()["outcome_plan"]) == (
        measure.pk, "第7次協働推進計画")


def _reflect(opinion, measure):
    Opinion.objects.filter(pk=opinion.pk).update(outcome="plan", outcome_plan_measure=measure,
                                                 outcome_plan="第7次協働推進計画", outcome_measure="事業4")


def _queries(url):
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return len(captured)


def test_the_measure_page_lists_the_published_opinions_reflected_in_it(world, measure):
    url = measure.get_absolute_url()
    assert "この事業に反映された地域の意見" not in Client().get(url).content.decode()  # nothing yet: no panel
    shown = opinion_in_state(world.community_a, "published")
    hidden = opinion_in_state(world.community_b, "answered")  # not published yet
    _reflect(shown, measure)
    _reflect(hidden, measure)
    page = Client().get(url).content.decode()
    assert "この事業に反映された地域の意見" in page
    assert shown.get_absolute_url() in page and world.community_a.name in page
    assert hidden.get_absolute_url() not in page

    few = _queries(url)
    for _index in range(4):
        _reflect(opinion_in_state(world.community_b, "published"), measure)
    assert _queries(url) == few
