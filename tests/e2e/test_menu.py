"""The main menu: one line on a desktop screen, folded behind a button on a phone or tablet."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_phone_layout import measure

pytestmark = pytest.mark.browser

MENU = "メインメニュー"


def _item_tops(page) -> set[int]:
    return set(page.evaluate(
        "[...document.querySelectorAll('.site-nav__list > li')].map(li => Math.round(li.getBoundingClientRect().top))"
    ))


def test_signed_in_menu_sits_on_one_line_at_desktop_width(demo, page, live_server):
    sign_in(page, live_server, "city")
    page.goto(f"{live_server.url}/staff/")
    expect(page.get_by_role("button", name="メニュー")).to_be_hidden()
    expect(page.get_by_role("navigation", name=MENU).get_by_role("link", name="作業画面")).to_be_visible()
    assert len(_item_tops(page)) == 1, "the main menu wraps at 1280 px"
    # Who is signed in, and signing out, sit in the header, not in the menu.
    expect(page.locator(".site-account")).to_contain_text("協働 一郎")
    expect(page.get_by_role("button", name="サインアウト")).to_be_visible()


def test_phone_menu_folds_and_opens(demo, browser, live_server):
    context = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    try:
        sign_in(page, live_server, "community")
        page.goto(f"{live_server.url}/")
        toggle = page.get_by_role("button", name="メニュー")
        menu = page.get_by_role("navigation", name=MENU)
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_hidden()
        expect(page.get_by_role("button", name="サインアウト")).to_be_hidden()

        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(menu.get_by_role("link", name="地域協働体", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="サインアウト")).to_be_visible()
        found = measure(page)  # the open menu fits the phone and its links are big enough to tap
        assert not found["overflow"] and found["small"] == [], found

        menu.get_by_role("link", name="地域協働体", exact=True).click()
        expect(page).to_have_url(f"{live_server.url}/communities/")
        expect(page.get_by_role("navigation", name=MENU)).to_be_hidden()  # a new page starts folded

        toggle = page.get_by_role("button", name="メニュー")
        toggle.click()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("navigation", name=MENU)).to_be_hidden()
    finally:
        context.close()


def test_without_script_the_menu_stays_open(demo, browser, live_server):
    context = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        expect(page.get_by_role("navigation", name=MENU).get_by_role("link", name="推進計画")).to_be_visible()
        expect(page.get_by_role("button", name="メニュー")).to_be_hidden()
    finally:
        context.close()
