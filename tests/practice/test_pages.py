"""The pages: the public list (filters, search, paging, fixed query counts), a report, writing one
(refusals are 422 with a Japanese message and change nothing), the workflow, and the exchange meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.audit.models import AuditEvent
from kyodo.practice.models import PracticeReport
from tests.events.factories import kind, make_event
from tests.practice.factories import make_report, theme

pytestmark = pytest.mark.django_db


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_filters_by_theme_community_district_year_and_words(world):
    kids = theme("kosodate", "子育て・子ども")
    make_report(world.community_a, title="防災訓練", held_on=dt.date(2023, 9, 1))
    make_report(world.community_b, title="子ども食堂をはじめました", themes=(kids,), held_on=dt.date(2024, 5, 1))
    make_report(world.community_a, title="下書きの事例", status="draft")
    make_report(world.community_a, title="取り下げた事例", status="withdrawn")
    client = world.client("anonymous")

    def titles(query=""):
        page = client.get(f"/practice/{query}")
        assert page.status_code == 200
        return [r.title for r in page.context["reports"]]

    assert titles() == ["子ども食堂をはじめました", "防災訓練"]
    assert titles("?theme=kosodate") == ["子ども食堂をはじめました"]
    assert titles("?community=aoba") == ["防災訓練"]
    assert titles(f"?district={world.community_b.district_id}") == ["子ども食堂をはじめました"]
    assert titles("?year=2023") == ["防災訓練"]
    assert titles("?year=2024") == ["子ども食堂をはじめました"]
    assert titles("?q=食堂") == ["子ども食堂をはじめました"]
    assert client.get("/practice/?year=abc").status_code == 400
    assert client.get("/practice/?district=%EF%BC%91").status_code == 400


def test_the_list_pages_and_its_queries_do_not_grow_with_the_data(world):
    make_report(world.community_a, photos=1)
    client = world.client("anonymous")
    few = _count_queries(client, "/practice/")
    for number in range(25):
        make_report(world.community_b if number % 2 else world.community_a, title=f"事例{number}",
                    themes=(theme(), theme("kankyou", "環境")), photos=2)
    many = _count_queries(client, "/practice/")
    assert many == few
    page = client.get("/practice/")
    assert len(page.context["reports"]) == 20
    assert len(client.get("/practice/?page=2").context["reports"]) == 6


def test_a_published_report_has_a_page_others_do_not(world):
    report = make_report(world.community_a, title="見守り訪問", photos=1)
    page = world.client("anonymous").get(report.get_absolute_url()).content.decode()
    assert "見守り訪問" in page and "令和6年" in page and report.photos.get().get_absolute_url() in page
    draft = make_report(world.community_a, status="draft")
    assert world.client("anonymous").get(draft.get_absolute_url()).status_code == 404
    assert world.client("city_admin").get(draft.get_absolute_url()).status_code == 404


def test_a_communitys_page_shows_its_published_reports(world):
    make_report(world.community_a, title="あおばの花いっぱい運動")
    make_report(world.community_a, title="まだ下書き", status="draft")
    page = world.client("anonymous").get(f"/communities/{world.community_a.slug}/").content.decode()
    assert "あおばの花いっぱい運動" in page and "まだ下書き" not in page


def test_the_secretariat_writes_and_publishes_a_report(world):
    bousai = theme()
    client = world.client("community_secretariat")
    response = client.post("/staff/practice/new/", {
        "title": "夜間の避難訓練", "themes": [bousai.pk], "held_on": "2024-10-05",
        "body": "夜の避難所開設を試しました。"})
    assert response.status_code == 302
    report = PracticeReport.objects.get()
    assert report.community == world.community_a and report.status == "draft" and report.fiscal_year == 2024
    response = client.post(f"/staff/practice/{report.pk}/publish/", {"publish-version": report.version})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published" and report.published_at is not None
    assert AuditEvent.objects.filter(action="practice_report.publish").count() == 1
    assert world.client("anonymous").get(report.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("title,message", [
    ("<script>alert(1)</script>", "題名に記号"),
    ("", "題名を入力してください"),
])
def test_bad_input_is_refused_in_japanese_and_nothing_is_created(world, title, message):
    client = world.client("community_secretariat")
    response = client.post("/staff/practice/new/", {
        "title": title, "themes": [theme().pk], "held_on": "2024-10-05", "body": "本文"})
    assert response.status_code == 422 and message in response.content.decode()
    assert PracticeReport.objects.count() == 0


def test_a_future_date_or_an_unknown_theme_is_refused(world):
    client = world.client("community_secretariat")
    future = client.post("/staff/practice/new/", {"title": "t", "themes": [theme().pk], "held_on": "2999-01-01",
                                                  "body": "b"})
    assert future.status_code == 422 and "未来の日付" in future.content.decode()
    unknown = client.post("/staff/practice/new/", {"title": "t", "themes": ["99999"], "held_on": "2024-01-01",
                                                   "body": "b"})
    assert unknown.status_code == 422 and "選べないテーマ" in unknown.content.decode()
    assert PracticeReport.objects.count() == 0


def test_a_stale_edit_is_a_conflict_and_changes_nothing(world):
    report = make_report(world.community_a, status="draft", title="元の題名")
    client = world.client("community_secretariat")
    data = {"title": "新しい題名", "themes": [theme().pk], "held_on": "2024-09-01", "body": "本文", "version": 1}
    assert client.post(f"/staff/practice/{report.pk}/edit/", data).status_code == 302
    stale = client.post(f"/staff/practice/{report.pk}/edit/", data | {"title": "古い版からの編集"})
    assert stale.status_code == 409
    report.refresh_from_db()
    assert report.title == "新しい題名" and report.version == 2


def test_the_city_unpublishes_with_a_reason_and_the_community_revises(world):
    report = make_report(world.community_a)
    city = world.client("city_admin")
    without = city.post(f"/staff/practice/{report.pk}/unpublish/", {"unpublish-version": 1, "unpublish-comment": ""})
    assert without.status_code == 422 and "理由を入力してください" in without.content.decode()
    report.refresh_from_db()
    assert report.status == "published"
    done = city.post(f"/staff/practice/{report.pk}/unpublish/",
                     {"unpublish-version": 1, "unpublish-comment": "個人が特定できる写真があります。"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == "unpublished"
    assert world.client("anonymous").get(report.get_absolute_url()).status_code == 404
    event = AuditEvent.objects.get(action="practice_report.unpublish")
    assert event.data["comment"] == "個人が特定できる写真があります。"
    secretariat = world.client("community_secretariat")
    page = secretariat.get(f"/staff/practice/{report.pk}/").content.decode()
    assert "個人が特定できる写真があります。" in page
    assert secretariat.post(f"/staff/practice/{report.pk}/revise/", {"revise-version": 2}).status_code == 302
    report.refresh_from_db()
    assert report.status == "draft"


def test_the_staff_list_is_scoped_and_its_queries_constant(world):
    make_report(world.community_a, title="あおばの事例")
    make_report(world.community_b, title="みどりの事例")
    mine = world.client("community_secretariat").get("/staff/practice/")
    assert [r.title for r in mine.context["reports"]] == ["あおばの事例"]
    city = world.client("city_admin")
    few = _count_queries(city, "/staff/practice/")
    for number in range(10):
        make_report(world.community_b, title=f"事例{number}", photos=1)
    assert _count_queries(city, "/staff/practice/") == few


def _exchange_event(community):
    exchange = kind("exchange")
    exchange.category = "exchange"
    exchange.save()
    return make_event(community, kind=exchange)


def test_an_exchange_meetings_organisers_link_the_reports_presented(world):
    event = _exchange_event(world.community_a)
    shown = make_report(world.community_b, title="みどりの子ども食堂")
    draft = make_report(world.community_a, title="下書き", status="draft")
    client = world.client("community_secretariat")
    staff_page = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert f"/staff/practice/events/{event.pk}/" in staff_page
    refused = client.post(f"/staff/practice/events/{event.pk}/", {"reports": [draft.pk], "version": 1})
    assert refused.status_code == 422 and "選べない活動事例" in refused.content.decode()
    assert not event.presented_reports.exists()
    done = client.post(f"/staff/practice/events/{event.pk}/", {"reports": [shown.pk], "version": 1})
    assert done.status_code == 302
    assert list(event.presented_reports.all()) == [shown]
    public = world.client("anonymous").get(event.get_absolute_url()).content.decode()
    assert "発表された活動事例" in public and "みどりの子ども食堂" in public
    report_page = world.client("anonymous").get(shown.get_absolute_url()).content.decode()
    assert event.title in report_page


def test_only_an_exchange_meeting_links_reports(world):
    event = make_event(world.community_a)
    response = world.client("community_secretariat").get(f"/staff/practice/events/{event.pk}/")
    assert response.status_code == 302
    assert "/staff/practice/events/" not in world.client("community_secretariat").get(
        f"/staff/events/{event.pk}/").content.decode()
