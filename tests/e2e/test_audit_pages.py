"""The audit log's pages in a real browser: axe-clean, and the verification button answers in place (htmx)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kyodo.audit.models import AuditEvent
from tests.e2e.axe import audit
from tests.e2e.conftest import sign_in
from tests.e2e.test_phone_layout import PHONE, measure
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_city_administrator_verifies_the_log_and_reads_a_change_history(world, page, live_server):
    community = world.community_a
    community.name = "あおば協働会"
    community.save()
    sign_in(page, live_server, "t_city", PASSWORD)

    page.goto(f"{live_server.url}/staff/")
    expect(page.locator("#audit")).to_contain_text("まだ検証していません。")
    page.goto(f"{live_server.url}/staff/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("監査ログ")
    assert audit(page, "/staff/audit/") == []

    page.get_by_role("button", name="今すぐ検証").click()
    expect(page.locator("#verification")).to_contain_text("改ざんは見つかりませんでした")
    assert "/staff/audit/" in page.url  # swapped in place, no page load needed
    assert page.console_errors == []

    newest = AuditEvent.objects.order_by("-sequence").first()
    page.get_by_role("link", name=str(newest.sequence), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"連番 {newest.sequence}")
    assert audit(page, "event detail") == []

    page.goto(f"{live_server.url}/staff/communities/{community.slug}/")
    page.get_by_role("link", name="変更履歴", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("あおば協働会の変更履歴")
    expect(page.locator("main")).to_contain_text("あおば地域協働体")  # the old name, before → after
    assert audit(page, "change history") == []
    assert page.console_errors == []


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="ja-JP", viewport=PHONE, device_scale_factor=1, has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_the_audit_pages_fit_a_phone(world, phone, live_server):
    from kyodo.audit.services import record_event

    event = record_event("grant_application.award", actor=world.users["city_admin"], target=world.community_a,
                         summary="あおばに交付決定", data={"amount_yen": 500000, "note": "長い説明" * 40})
    sign_in(phone, live_server, "t_city", PASSWORD)
    pages = ["/staff/", "/staff/audit/", "/staff/audit/?q=あおば", f"/staff/audit/{event.sequence}/",
             f"/staff/history/communities.community/{world.community_a.pk}/",
             f"/staff/communities/{world.community_a.slug}/"]
    problems = []
    for path in pages:
        phone.goto(f"{live_server.url}{path}")
        found = measure(phone)
        if found["overflow"]:
            problems.append(f"{path}: scrolls sideways ({found['scrollWidth']} px): {found['culprits']}")
        if found["small"] or found["narrow"]:
            problems.append(f"{path}: small {found['small'][:5]} narrow {found['narrow'][:5]}")
    assert problems == []
