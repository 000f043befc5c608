"""The public plan pages: the current plan and its table, any plan by number, one measure."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kyodo.plans.models import PromotionPlan
from tests.factories import MeasureFactory, MeasureScheduleFactory, PolicyFactory, PromotionPlanFactory

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _cell(html: str, text: str) -> str:
    """The opening <td …> tag of the schedule cell that holds ``text``."""
    match = re.search(r"<td[^>]*>" + re.escape(text) + "<", html)
    assert match, text
    return match.group(0)


def test_the_current_plan_page_shows_the_plan_as_in_the_seed(client: Client, ichinoseki):
    html = _html(client.get("/plans/"))
    assert "第2次一関市地域協働推進計画" in html
    assert "わっしょい みんなでかつごう いちのせき みんなで創る地域協働の仕組み" in html
    # FY2019 is 令和元年度 in kyodo (the seed, written in April 2019, still says 平成31年度).
    assert "令和元年度(2019年度)〜令和5年度(2023年度)" in html
    assert "平成31年(2019年)4月" in html
    assert "『協働の仕組みが実践される住み良い地域社会を創る』" in html
    assert "自立型の地域づくり" in html and "補完性の原則" in html
    assert "一関市協働推進アクションプラン" in html  # 位置付け
    assert "協働の仕組みづくりをさらに進め" in html  # 目的
    for title in ("地域協働の仕組みと組織づくり", "地域人材の育成と確保", "地域の特性を活かした取組の推進",
                  "地域協働体相互及び行政との連携強化", "企業の参画促進"):
        assert title in html
    assert "地域の一員である企業の協働の取組への参画を促進し" in html


def test_the_table_has_a_column_per_fiscal_year_and_cells_spanning_their_years(client: Client, ichinoseki):
    html = _html(client.get("/plans/"))
    for header in ("令和元年度(2019年度)", "令和2年度(2020年度)", "令和3年度(2021年度)",
                   "令和4年度(2022年度)", "令和5年度(2023年度)"):
        assert header in html
    assert "<caption>" in html and 'scope="colgroup"' in html and 'scope="rowgroup"' in html
    assert html.count('<th scope="row">') == 16
    assert 'colspan="5"' in _cell(html, "地域協働体の設立に向け準備会等の申請により実施")
    assert 'colspan="2"' in _cell(html, "反映方法の検討")
    assert 'colspan="3"' in _cell(html, "計画への落とし込み")
    assert 'colspan="2"' in _cell(html, "調査検討")
    assert 'colspan="3"' in _cell(html, "地域協働体の活動状況に応じて実施、導入の検討")
    # Policy (3) has five measures: its cell spans their five rows.
    assert re.search(r'<th scope="rowgroup" rowspan="5" class="policy-cell">\(3\) 地域の特性を活かした取組の推進', html)
    assert "地域協働体の設立に向けた会議等の費用を支援" in html  # 事業内容
    assert 'href="/plans/2/measures/16/"' in html


def test_the_current_page_links_to_the_first_plan_which_shows_its_achievements_and_issues(client, ichinoseki):
    html = _html(client.get("/plans/"))
    assert 'href="/plans/1/"' in html
    assert "平成26年度(2014年度)〜平成30年度(2018年度)" in html

    first = _html(client.get("/plans/1/"))
    assert "一関市地域協働推進計画" in first
    assert "成果" in first and "課題" in first
    assert "公民館の市民センター化" in first
    assert "従来の公民館を市民センターに移行(H27.4)" in first
    assert "企業による地域協働への参画" in first
    assert "平成26年(2014年)3月" in first


def test_a_plan_by_number_shows_the_same_table(client, ichinoseki):
    html = _html(client.get("/plans/2/"))
    assert "反映方法の検討" in html and "計画への落とし込み" in html


def test_the_measure_page_shows_its_policy_department_and_schedule(client, ichinoseki):
    html = _html(client.get("/plans/2/measures/3/"))
    assert "「地域づくり計画」の市政への反映方法の検討" in html
    assert "(1) 地域協働の仕組みと組織づくり" in html
    assert "まちづくり推進課" in html
    assert "市の計画や予算に反映させていく方法を検討" in html
    assert 'colspan="2"' in _cell(html, "反映方法の検討")
    assert "令和元年度(2019年度)〜令和2年度(2020年度)" in html


def test_the_measure_page_shows_a_partner(client, ichinoseki):
    html = _html(client.get("/plans/2/measures/11/"))
    assert "いちのせき市民活動センター(NPO法人に委託)" in html


@pytest.mark.parametrize("url", [
    "/plans/9/", "/plans/2/measures/99/", "/plans/1/measures/1/", "/plans/0/",
    "/plans/99999999999999999999/", "/plans/2/measures/99999999999999999999/",
])
def test_unknown_plans_and_measures_are_not_found(client, ichinoseki, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_without_plans_the_page_says_so(client, db):
    html = _html(client.get("/plans/"))
    assert "現行の推進計画はまだ登録されていません。" in html


def test_a_gap_in_the_schedule_is_an_empty_cell(client, db):
    plan = PromotionPlanFactory(number=5, title="第5次計画", is_current=True)
    measure = MeasureFactory(policy=PolicyFactory(plan=plan, number=1), number=1)
    MeasureScheduleFactory(measure=measure, start_fiscal_year=2020, end_fiscal_year=2021, text="中間の2年")
    html = _html(client.get("/plans/"))
    row = re.search(r'<th scope="row">.*?</tr>', html, re.S).group(0)
    assert row.count('class="schedule-empty"') == 3
    assert 'colspan="2"' in _cell(row, "中間の2年")


def _plan_with_measures(count: int) -> PromotionPlan:
    plan = PromotionPlanFactory(number=count, title=f"{count}事業の計画", is_current=True)
    policies = [PolicyFactory(plan=plan, number=n) for n in (1, 2, 3)]
    for number in range(1, count + 1):
        measure = MeasureFactory(policy=policies[number % 3], number=number)
        MeasureScheduleFactory(measure=measure, start_fiscal_year=2019, end_fiscal_year=2020, text="前半")
        MeasureScheduleFactory(measure=measure, start_fiscal_year=2021, end_fiscal_year=2023, text="後半")
    PromotionPlanFactory(number=count + 100, start_fiscal_year=2014, end_fiscal_year=2018)
    return plan


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/plans/", "/plans/{number}/", "/plans/{number}/measures/2/"])
def test_queries_do_not_grow_with_the_number_of_measures(client, db, url):
    small = _plan_with_measures(3)
    small_count = _queries(client, url.format(number=small.number))
    PromotionPlan.objects.all().delete()
    large = _plan_with_measures(20)
    large_count = _queries(client, url.format(number=large.number))
    assert small_count == large_count
    assert large_count <= 8
