"""What people do on kyodo, in a real browser, asserting what they see."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

COMMUNITY = "山目地域協働体"  # the demo secretariat's community


def nav(page, name: str):
    return page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name=name, exact=True)


def test_a_resident_reads_the_plan_and_a_community_and_switches_the_language(demo, page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("地域協働")

    nav(page, "推進計画").click()
    expect(page).to_have_url(re.compile(r"/plans/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("協働推進計画")
    expect(page.get_by_role("table").first).to_be_visible()

    nav(page, "地域協働体").click()
    expect(page).to_have_url(re.compile(r"/communities/$"))
    page.get_by_role("link", name=COMMUNITY, exact=True).click()
    expect(page).to_have_url(re.compile(r"/communities/yamanome/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(COMMUNITY)
    expect(page.get_by_role("heading", name="役員")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("畠山")  # officers' names are not public

    page.get_by_label("言語").select_option("en")
    page.locator("form.language-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/communities/yamanome/$"))
    expect(page.get_by_label("Language")).to_have_value("en")


def test_a_community_secretary_edits_the_profile_and_plan_and_sees_them_in_public(demo, page, live_server):
    sign_in(page, live_server, "community")
    expect(page.get_by_role("heading", level=1)).to_contain_text("作業画面")
    page.get_by_role("link", name=COMMUNITY, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COMMUNITY)

    page.get_by_role("link", name="情報を編集").click()
    introduction = "山目の春まつりを4月に開きます。どなたでもご参加ください。"
    page.get_by_label("紹介").fill(introduction)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("保存しました")

    page.get_by_role("link", name=re.compile("地域づくり計画")).first.click()
    page.get_by_role("link", name="期間・将来像を編集").click()
    vision = "子どもから高齢者まで、誰もが出番のある山目"
    page.get_by_label("目指す姿").fill(vision)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("保存しました")
    expect(page.locator("main")).to_contain_text(vision)

    page.goto(f"{live_server.url}/communities/yamanome/")
    expect(page.locator("main")).to_contain_text(introduction)
    expect(page.locator("main")).to_contain_text(vision)


def test_a_city_administrator_edits_a_measures_schedule(demo, page, live_server):
    sign_in(page, live_server, "city")
    page.get_by_role("link", name="推進計画の管理").click()
    page.get_by_role("link", name=re.compile("第2次")).first.click()
    page.get_by_role("link", name=re.compile(r"^事業1 ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("事業1")

    page.get_by_role("link", name=re.compile("^編集")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("実施年度の編集")
    page.get_by_label("開始年度").select_option("2020")
    schedule = "準備会の申請を受けて会議費用を支援(令和2年度から)"
    page.get_by_label("実施内容").fill(schedule)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_contain_text("更新しました")
    expect(page.get_by_role("table")).to_contain_text(schedule)

    page.get_by_role("link", name="公開ページを見る").click()
    cell = page.locator("td.schedule-cell", has_text=schedule)
    expect(cell).to_be_visible()
    expect(cell).to_contain_text("令和2年度")


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("company", "/staff/communities/yamanome/edit/"),
        ("dept", "/staff/plans/2/measures/1/schedules/new/"),
        ("community", "/staff/communities/ichinoseki/"),
    ],
)
def test_a_user_without_the_right_role_is_refused(username, path, demo, page, live_server):
    sign_in(page, live_server, username)
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("このページを表示する権限がありません")
    expect(page.get_by_role("link", name="ホームへ戻る")).to_be_visible()


def test_an_anonymous_visitor_is_asked_to_sign_in(demo, page, live_server):
    page.goto(f"{live_server.url}/staff/communities/yamanome/edit/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("サインイン")
