"""Pages load without browser console errors (e.g. a script breaking the Content-Security-Policy)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser


def test_public_and_staff_pages_log_no_console_errors(demo, page, live_server):
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for path in ("/", "/communities/", "/grants/", "/grants/totals/"):
        page.goto(f"{live_server.url}{path}")
    sign_in(page, live_server, "city")
    for path in ("/staff/", "/staff/grants/applications/"):
        page.goto(f"{live_server.url}{path}")
    assert errors == []
