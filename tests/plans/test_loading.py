"""Loading Ichinoseki's plans from the data file shipped in the package."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from kyodo.plans.loading import DEFAULT_PATH, PlanDataError, load_promotion_plans
from kyodo.plans.models import (
    BasicIdea,
    Department,
    Measure,
    MeasureSchedule,
    PlanAssessment,
    Policy,
    PromotionPlan,
)

pytestmark = pytest.mark.django_db


def _cells(plan_number: int, measure_number: int) -> list[tuple[int, int, str]]:
    return list(
        MeasureSchedule.objects.filter(measure__policy__plan__number=plan_number, measure__number=measure_number)
        .order_by("start_fiscal_year").values_list("start_fiscal_year", "end_fiscal_year", "text")
    )


def test_the_data_file_lives_in_the_package_not_in_shared():
    assert DEFAULT_PATH.is_file()
    assert "/shared/" not in str(DEFAULT_PATH)
    assert DEFAULT_PATH.parent.parent.name == "plans"


def test_loading_creates_both_plans_as_in_the_seed():
    assert load_promotion_plans() == 2

    first = PromotionPlan.objects.get(number=1)
    assert first.title == "一関市地域協働推進計画"
    assert (first.start_fiscal_year, first.end_fiscal_year) == (2014, 2018)
    assert first.adopted_on == dt.date(2014, 3, 1)
    assert not first.is_current
    assert list(first.assessments.filter(kind="achievement").values_list("title", flat=True)) == [
        "地域協働体の設立及び地域づくり計画の推進",
        "地域と行政との話し合い",
        "支援制度の創設及び地域担当職員の配置",
        "公民館の市民センター化",
        "市民センターの地域管理",
        "地域づくり及び市民活動の支援",
    ]
    assert first.assessments.filter(kind="open_issue").count() == 6
    assert PlanAssessment.objects.get(title="市民センターの地域管理").text == (
        "平成30年度までに14の市民センターが指定管理者制度による地域管理を開始"
    )

    second = PromotionPlan.objects.get(number=2)
    assert second.title == "第2次一関市地域協働推進計画"
    assert second.subtitle == "わっしょい みんなでかつごう いちのせき みんなで創る地域協働の仕組み"
    assert (second.start_fiscal_year, second.end_fiscal_year) == (2019, 2023)
    assert second.adopted_on == dt.date(2019, 4, 1)
    assert second.adopted_label == "平成31年(2019年)4月"
    assert second.is_current
    assert second.aim_title == "協働の仕組みが実践される住み良い地域社会を創る"
    assert second.background.startswith("地域や行政を取り巻く社会経済情勢")
    assert "一関市協働推進アクションプラン" in second.positioning
    assert second.purpose.startswith("第1次計画(平成26年度～平成30年度)")
    assert list(BasicIdea.objects.filter(plan=second).values_list("title", flat=True)) == [
        "自立型の地域づくり", "補完性の原則",
    ]
    assert list(second.policies.values_list("number", "title")) == [
        (1, "地域協働の仕組みと組織づくり"),
        (2, "地域人材の育成と確保"),
        (3, "地域の特性を活かした取組の推進"),
        (4, "地域協働体相互及び行政との連携強化"),
        (5, "企業の参画促進"),
    ]
    measures = Measure.objects.filter(policy__plan=second)
    assert sorted(measures.values_list("number", flat=True)) == list(range(1, 17))
    assert list(measures.filter(policy__number=3).order_by("number").values_list("number", flat=True)) == [
        8, 9, 10, 11, 12,
    ]
    one = measures.get(number=1)
    assert one.content == "地域協働体の設立に向けた会議等の費用を支援"
    assert {m.department.name for m in measures.select_related("department")} == {"まちづくり推進課"}
    assert "市民活動センター" in measures.get(number=11).partner


def test_schedules_span_the_years_of_the_seed_table():
    load_promotion_plans()
    assert _cells(2, 1) == [(2019, 2023, "地域協働体の設立に向け準備会等の申請により実施")]
    assert _cells(2, 3) == [(2019, 2020, "反映方法の検討"), (2021, 2023, "計画への落とし込み")]
    assert _cells(2, 16) == [
        (2019, 2020, "調査検討"), (2021, 2023, "地域協働体の活動状況に応じて実施、導入の検討"),
    ]
    # Every other measure has one cell over the whole period.
    for number in set(range(1, 17)) - {3, 16}:
        cells = _cells(2, number)
        assert [(start, end) for start, end, _text in cells] == [(2019, 2023)], number


def test_departments_are_data():
    load_promotion_plans()
    names = set(Department.objects.values_list("name", flat=True))
    assert {"まちづくり推進課", "総務課", "企画調整課", "職員課"} <= names


def test_loading_twice_creates_nothing_and_keeps_the_citys_edits():
    load_promotion_plans()
    Measure.objects.filter(policy__plan__number=2, number=1).update(title="市が編集した事業名")
    PromotionPlan.objects.filter(number=1).update(title="市が編集した計画名")
    counts = (PromotionPlan.objects.count(), Policy.objects.count(), Measure.objects.count(),
              MeasureSchedule.objects.count(), Department.objects.count(), PlanAssessment.objects.count())

    assert load_promotion_plans() == 0

    assert counts == (PromotionPlan.objects.count(), Policy.objects.count(), Measure.objects.count(),
                      MeasureSchedule.objects.count(), Department.objects.count(), PlanAssessment.objects.count())
    assert Measure.objects.get(policy__plan__number=2, number=1).title == "市が編集した事業名"
    assert PromotionPlan.objects.get(number=1).title == "市が編集した計画名"


def test_a_missing_plan_is_added_without_touching_the_other():
    load_promotion_plans()
    PromotionPlan.objects.filter(number=1).delete()
    PromotionPlan.objects.filter(number=2).update(aim_title="市が編集")

    assert load_promotion_plans() == 1

    assert PromotionPlan.objects.get(number=1).assessments.count() == 12
    assert PromotionPlan.objects.get(number=2).aim_title == "市が編集"


def test_the_loader_does_not_displace_the_citys_current_plan():
    from tests.factories import PromotionPlanFactory

    PromotionPlanFactory(number=3, title="第3次計画", start_fiscal_year=2024, end_fiscal_year=2028, is_current=True)
    load_promotion_plans()
    assert list(PromotionPlan.objects.filter(is_current=True).values_list("number", flat=True)) == [3]


def test_a_bad_file_loads_nothing(tmp_path):
    bad = tmp_path / "plans.toml"
    bad.write_text(
        """
[[plans]]
number = 7
title = "試験計画"
start_fiscal_year = 2019
end_fiscal_year = 2023

[[plans.policies]]
number = 1
title = "方針"

[[plans.policies.measures]]
number = 1
title = "事業"
schedules = [ { start_fiscal_year = 2018, end_fiscal_year = 2023, text = "計画期間の外" } ]
""",
        encoding="utf-8",
    )
    with pytest.raises(PlanDataError):
        load_promotion_plans(bad)
    assert not PromotionPlan.objects.filter(number=7).exists()
    assert not Policy.objects.exists()


def test_the_management_command_reports_how_many_plans_it_created():
    out = StringIO()
    call_command("load_promotion_plans", stdout=out)
    assert "2件" in out.getvalue()
    out = StringIO()
    call_command("load_promotion_plans", stdout=out)
    assert "0件" in out.getvalue()
