"""The main journeys with the keyboard alone (Tab, Enter, Space, arrow keys), focus always visible.

WCAG 2.1.1 (keyboard), 2.4.1 (bypass blocks), 2.4.3 (focus order), 2.4.7 (focus visible).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COMMUNITY = "山目地域協働体"
MAX_TABS = 120

_FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const rect = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute("aria-label") || label || el.innerText || el.value || "").trim(),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    onscreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0,
  };
}
"""


def focused(page) -> dict | None:
    return page.evaluate(_FOCUSED)


def tab_to(page, name: str | re.Pattern[str]) -> dict:
    """Press Tab until the focused element's name matches; every stop must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None:
            continue
        assert element["outline"] or element["shadow"], f"no visible focus on {element}"
        assert element["onscreen"], f"focus on an element off screen: {element}"
        matches = re.search(name, element["name"]) if isinstance(name, re.Pattern) else name in element["name"]
        if matches:
            return element
    raise AssertionError(f"{name!r} was not reached with {MAX_TABS} presses of Tab on {page.url}")


def test_the_first_tab_offers_to_skip_to_the_content(demo, page, live_server):
    page.goto(f"{live_server.url}/plans/")
    page.keyboard.press("Tab")
    element = focused(page)
    assert element["name"] == "本文へ移動" and element["onscreen"] and (element["outline"] or element["shadow"])
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_a_resident_reads_the_plan_and_a_community_by_keyboard(demo, page, live_server):
    page.goto(f"{live_server.url}/")
    tab_to(page, "推進計画")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/plans/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("協働推進計画")

    tab_to(page, re.compile(r"^地域協働体$"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/communities/$"))
    tab_to(page, COMMUNITY)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(COMMUNITY)

    element = tab_to(page, "言語")
    assert element["tag"] == "select"
    page.keyboard.press("ArrowDown")  # 日本語 → English
    tab_to(page, "切替")
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_community_secretary_signs_in_and_edits_the_profile_by_keyboard(demo, page, live_server):
    page.goto(f"{live_server.url}/")
    tab_to(page, "サインイン")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("サインイン")
    tab_to(page, "ユーザー名")
    page.keyboard.type("community")
    tab_to(page, "パスワード")
    page.keyboard.type("kyodo-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("作業画面")

    tab_to(page, COMMUNITY)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(COMMUNITY)
    tab_to(page, "情報を編集")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("編集")

    tab_to(page, "事務所所在地")
    page.keyboard.type("一関市山目字前田13-3")
    tab_to(page, re.compile(r"^保存"))
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text("保存しました")
    expect(page.locator("main")).to_contain_text("一関市山目字前田13-3")
