"""The dialogue pages: refused input answers 422 in Japanese and changes nothing; the public list folds
Japanese text and filters; the department's queue marks overdue answers; the city's overview and export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kyodo.dialogue.models import Opinion, OpinionCategory
from tests.dialogue.factories import ensure_category, opinion_in_state
from tests.factories import CommunityFactory, DistrictFactory

TODAY = timezone.localdate


def _post(world, role, opinion, action, **fields):
    data = {f"{action}-version": str(opinion.version)} | {f"{action}-{k}": v for k, v in fields.items()}
    return world.client(role).post(reverse(f"dialogue_staff:opinion-{action.replace('_', '-')}", args=[opinion.pk]),
                                   data)


def test_an_answer_without_an_outcome_is_refused_in_japanese(world):
    opinion = opinion_in_state(world.community_a, "routed")
    response = _post(world, "department_staff", opinion, "answer", answer="対応します。")
    assert response.status_code == 422
    assert "対応結果を選んでください。" in response.content.decode()
    opinion.refresh_from_db()
    assert (opinion.status, opinion.answer, opinion.version) == ("routed", "", 2)


def test_reflected_in_budget_needs_the_year_and_the_item(world):
    opinion = opinion_in_state(world.community_a, "routed")
    response = _post(world, "department_staff", opinion, "answer", answer="計上します。", outcome="budget")
    page = response.content.decode()
    assert response.status_code == 422
    assert "予算に反映した年度を選んでください。" in page and "予算の事業名を入力してください。" in page
    assert Opinion.objects.get(pk=opinion.pk).status == "routed"
    year = TODAY().year
    response = _post(world, "department_staff", opinion, "answer", answer="計上します。", outcome="budget",
                     outcome_fiscal_year=str(year), outcome_budget_item="防災事業", outcome_amount_yen="300000")
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert (opinion.status, opinion.outcome_fiscal_year, opinion.outcome_amount_yen) == ("answered", year, 300000)


def test_a_due_date_in_the_past_is_refused(world):
    opinion = opinion_in_state(world.community_a, "received")
    response = _post(world, "city_admin", opinion, "route", departments=str(world.department.pk),
                     due_on=(TODAY() - dt.timedelta(days=1)).isoformat())
    assert response.status_code == 422
    assert "回答期限に過去の日付は指定できません。" in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.status == "received" and opinion.due_on is None


def test_a_stale_form_is_a_conflict(world):
    opinion = opinion_in_state(world.community_a, "answered")
    response = world.client("city_admin").post(reverse("dialogue_staff:opinion-review", args=[opinion.pk]),
                                               {"review-version": str(opinion.version - 1)})
    assert response.status_code == 409
    assert Opinion.objects.get(pk=opinion.pk).status == "answered"


def test_a_community_records_an_opinion_and_markup_stays_text(world):
    client = world.client("community_secretariat")
    url = reverse("dialogue_staff:opinion-create", args=[world.community_a.slug])
    data = {"kind": "proposal", "title": "<script>alert(1)</script>集会所", "body": "<b>太字</b>",
            "source": "community", "category": str(ensure_category().pk), "received_on": TODAY().isoformat()}
    response = client.post(url, data)
    assert response.status_code == 302
    opinion = Opinion.objects.get()
    assert (opinion.community, opinion.district, opinion.status) == (
        world.community_a, world.community_a.district, "received")
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>太字</b>" not in page


def test_a_future_receipt_date_or_a_plan_source_without_item_is_refused(world):
    client = world.client("community_secretariat")
    url = reverse("dialogue_staff:opinion-create", args=[world.community_a.slug])
    data = {"kind": "opinion", "title": "件名", "body": "内容", "source": "plan_item",
            "category": str(ensure_category().pk), "received_on": (TODAY() + dt.timedelta(days=3)).isoformat()}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "受付日に未来の日付は指定できません。" in page
    assert "地域づくり計画のどの取組から出た意見かを選んでください。" in page
    assert not Opinion.objects.exists()


def test_the_public_list_shows_published_answers_only_and_folds_kana_and_width(world):
    published = opinion_in_state(world.community_a, "published", title="バス停のベンチ", outcome="budget")
    hidden = opinion_in_state(world.community_a, "reviewed", title="バス停の屋根")
    client = Client()
    for query in ("ばす停", "ﾊﾞｽ停", "バス停のﾍﾞﾝﾁ"):
        page = client.get(reverse("dialogue:opinion-list"), {"q": query}).content.decode()
        assert published.title in page, query
        assert hidden.title not in page, query
    assert client.get(reverse("dialogue:opinion-detail", args=[hidden.pk])).status_code == 404
    detail = client.get(reverse("dialogue:opinion-detail", args=[published.pk])).content.decode()
    assert "予算に反映" in detail and "地域協働体活動支援事業" in detail
    assert "t_builder" not in detail  # who answered is not public


def test_the_public_list_filters_by_district_category_outcome_and_year(world):
    other_category = OpinionCategory.objects.create(name="道路・交通")
    a = opinion_in_state(world.community_a, "published", title="一件目", outcome="plan")
    b = opinion_in_state(world.community_b, "published", title="二件目", outcome="impossible", category=other_category,
                         received_on=dt.date(2023, 5, 1))
    url = reverse("dialogue:opinion-list")
    client = Client()

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {title for title in (a.title, b.title) if title in page}

    assert titles() == {a.title, b.title}
    assert titles(district=world.community_b.district.pk) == {b.title}
    assert titles(category=other_category.pk) == {b.title}
    assert titles(outcome="plan") == {a.title}
    assert titles(fiscal_year=2023) == {b.title}
    assert titles(outcome="nonsense", status="x") == {a.title, b.title}  # unknown choices are ignored
    assert client.get(url, {"fiscal_year": "x"}).status_code == 400  # numbers that are not: kyodo.query_params


def test_the_community_page_shows_its_published_answers(world):
    opinion_in_state(world.community_a, "published", title="公開された意見", outcome="study")
    opinion_in_state(world.community_a, "answered", title="確認前の意見")
    page = Client().get(reverse("communities:detail", args=[world.community_a.slug])).content.decode()
    assert "公開された意見" in page and "検討中" in page
    assert "確認前の意見" not in page


def test_the_department_queue_marks_overdue_answers(world):
    late = opinion_in_state(world.community_a, "routed", title="期限切れ", received_on=TODAY() - dt.timedelta(days=40),
                            due_in_days=30)
    opinion_in_state(world.community_b, "routed", title="まだ間に合う", due_in_days=30)
    client = world.client("department_staff")
    page = client.get(reverse("dialogue_staff:opinion-list")).content.decode()
    assert "期限切れ" in page and "まだ間に合う" in page and "期限超過" in page
    overdue = client.get(reverse("dialogue_staff:opinion-list"), {"overdue": "1"}).content.decode()
    assert "期限切れ" in overdue and "まだ間に合う" not in overdue
    home = client.get(reverse("staff:home")).content.decode()
    assert "回答を待っている意見" in home and "回答期限を過ぎた意見" in home
    assert late.due_on < TODAY()


def test_a_community_sees_its_own_opinions_only(world):
    opinion_in_state(world.community_a, "routed", title="自分の地域の意見")
    opinion_in_state(world.community_b, "routed", title="よその地域の意見")
    page = world.client("community_officer").get(reverse("dialogue_staff:opinion-list")).content.decode()
    assert "自分の地域の意見" in page and "よその地域の意見" not in page


def test_the_overview_counts_and_exports(world):
    from openpyxl import load_workbook

    opinion_in_state(world.community_a, "published", outcome="budget")
    opinion_in_state(world.community_b, "published", outcome="budget")
    opinion_in_state(world.community_b, "routed", received_on=TODAY() - dt.timedelta(days=40), due_in_days=30)
    client = world.client("city_admin")
    response = client.get(reverse("dialogue_staff:overview"))
    rows = {row.label: row for row in response.context["by_outcome"]}
    assert rows["予算に反映"].total == 2 and rows["対応困難"].total == 0
    districts = {row.label: row for row in response.context["by_district"]}
    assert districts[world.community_b.district.name].overdue == 1
    assert "<svg" in response.content.decode()
    export = client.get(reverse("dialogue_staff:overview-export"))
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "番号" and len(values) == 4


def test_the_city_adds_and_renames_a_category(world):
    client = world.client("city_admin")
    assert client.post(reverse("dialogue_staff:category-create"), {"name": "交通", "order": "1"}).status_code == 302
    category = OpinionCategory.objects.get(name="交通")
    response = client.post(reverse("dialogue_staff:category-create"), {"name": "交通", "order": "2"})
    assert response.status_code == 422 and "同じ名前の分類がすでにあります。" in response.content.decode()
    assert client.post(reverse("dialogue_staff:category-edit", args=[category.pk]),
                       {"name": "道路・交通", "order": "1"}).status_code == 302
    assert OpinionCategory.objects.get(pk=category.pk).name == "道路・交通"


def _many(world, count):
    for index in range(count - Opinion.objects.count()):
        community = CommunityFactory(district=DistrictFactory(branch_office=world.branch_a))
        opinion_in_state(community, ["routed", "published"][index % 2], outcome="plan")


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["city_admin", "branch_staff", "department_staff", "anonymous"])
def test_list_pages_run_constant_queries(world, role):
    client = world.client(role)
    urls = [reverse("dialogue:opinion-list"), reverse("dialogue:opinion-list") + "?q=街灯&outcome=plan"]
    if role != "anonymous":
        urls += [reverse("dialogue_staff:opinion-list"), reverse("dialogue_staff:opinion-list") + "?overdue=1",
                 reverse("staff:home")]
    if role == "city_admin":
        urls.append(reverse("dialogue_staff:overview"))
    _many(world, 4)
    few = [_queries(client, url) for url in urls]
    _many(world, 40)
    assert [_queries(client, url) for url in urls] == few


def test_the_public_list_in_english(world):
    opinion_in_state(world.community_a, "published", outcome="budget")
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("dialogue:opinion-list")).content.decode()
    assert "Opinions and answers" in page and "Reflected in the budget" in page
    assert "意見と回答" not in page
