"""/api/v1/plans: public, read-only, typed; unknown plans and measures answer 404."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.plans.models import PromotionPlan
from tests.factories import MeasureFactory, MeasureScheduleFactory, PolicyFactory, PromotionPlanFactory

pytestmark = pytest.mark.django_db


def test_the_list_has_every_plan_newest_first(client, ichinoseki):
    response = client.get("/api/v1/plans")
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["limit"], page["offset"]) == (2, 50, 0)
    plans = page["items"]
    assert [(p["number"], p["title"], p["is_current"]) for p in plans] == [
        (2, "第2次一関市地域協働推進計画", True), (1, "一関市地域協働推進計画", False),
    ]
    assert plans[0]["start_fiscal_year"] == 2019 and plans[0]["end_fiscal_year"] == 2023
    assert plans[0]["period_label"] == "令和元年度(2019年度)〜令和5年度(2023年度)"
    assert plans[0]["url"].endswith("/plans/2/")


def test_a_plan_nests_policies_measures_and_schedules(client, ichinoseki):
    plan = client.get("/api/v1/plans/2").json()
    assert plan["aim_title"] == "協働の仕組みが実践される住み良い地域社会を創る"
    assert plan["fiscal_years"] == [2019, 2020, 2021, 2022, 2023]
    assert [idea["title"] for idea in plan["basic_ideas"]] == ["自立型の地域づくり", "補完性の原則"]
    assert [p["title"] for p in plan["policies"]][4] == "企業の参画促進"
    assert sum(len(p["measures"]) for p in plan["policies"]) == 16
    measure_3 = plan["policies"][0]["measures"][2]
    assert measure_3["number"] == 3
    assert measure_3["department"] == {"name": "まちづくり推進課", "division": ""}
    assert [(s["start_fiscal_year"], s["end_fiscal_year"], s["text"]) for s in measure_3["schedules"]] == [
        (2019, 2020, "反映方法の検討"), (2021, 2023, "計画への落とし込み"),
    ]


def test_the_first_plan_carries_its_achievements_and_issues(client, ichinoseki):
    plan = client.get("/api/v1/plans/1").json()
    kinds = [a["kind"] for a in plan["assessments"]]
    assert kinds.count("achievement") == 6 and kinds.count("open_issue") == 6
    assert plan["policies"] == []


def test_one_measure(client, ichinoseki):
    response = client.get("/api/v1/plans/2/measures/16")
    assert response.status_code == 200
    measure = response.json()
    assert measure["title"] == "協働によるまちづくりに対する企業の参画"
    assert measure["content"] == "企業の理解と積極的な参加を促進し、市のHPにおいて取組状況等を紹介"
    assert measure["policy"] == {"number": 5, "title": "企業の参画促進"}
    assert measure["plan"]["number"] == 2
    assert [s["text"] for s in measure["schedules"]] == ["調査検討", "地域協働体の活動状況に応じて実施、導入の検討"]


@pytest.mark.parametrize("url", ["/api/v1/plans/9", "/api/v1/plans/2/measures/99", "/api/v1/plans/1/measures/1"])
def test_unknown_plans_and_measures_are_404(client, ichinoseki, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "見つかりません。", "errors": []}


@pytest.mark.parametrize("url", ["/api/v1/plans/0", "/api/v1/plans/-1", "/api/v1/plans/x",
                                 "/api/v1/plans/2/measures/0", "/api/v1/plans/99999999999999999999"])
def test_invalid_path_parameters_are_422(client, db, url):
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"] == "入力内容に誤りがあります。"


def test_the_operations_are_in_the_openapi_spec(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/plans", "/api/v1/plans/{number}", "/api/v1/plans/{number}/measures/{measure}"} <= set(paths)
    parameter = paths["/api/v1/plans/{number}"]["get"]["parameters"][0]
    assert parameter["schema"]["minimum"] == 1
    response = paths["/api/v1/plans/{number}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert response == {"$ref": "#/components/schemas/PromotionPlanOut"}


def _plan(count: int) -> PromotionPlan:
    plan = PromotionPlanFactory(number=count, is_current=True)
    policies = [PolicyFactory(plan=plan, number=n) for n in (1, 2)]
    for number in range(1, count + 1):
        measure = MeasureFactory(policy=policies[number % 2], number=number)
        MeasureScheduleFactory(measure=measure)
    return plan


def test_plan_queries_do_not_grow_with_the_number_of_measures(client, db):
    counts = []
    for size in (3, 20):
        PromotionPlan.objects.all().delete()
        plan = _plan(size)
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/api/v1/plans/{plan.number}").status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
