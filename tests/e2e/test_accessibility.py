"""axe-core on every page each role can reach (WCAG 2.1 A and AA, i.e. JIS X 8341-3 AA).

The pages are found by following links from ``/`` and ``/staff/`` as each demo role, not
from a list kept by hand, so a new page is audited the day it is linked.
"""

from __future__ import annotations

import pytest

from tests.e2e.axe import audit
from tests.e2e.conftest import sign_in
from tests.e2e.crawling import crawl

pytestmark = pytest.mark.browser

ROLES = ["anonymous", "city", "branch", "liaison", "dept", "community", "advisor", "company", "accounts"]

# A page that cannot pass yet, one page type and rule at a time, each with its reason:
# {("url:name", "axe-rule-id"): "why, and the issue that fixes it"}. Keep it empty.
EXCEPTIONS: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("role", ROLES)
def test_every_reachable_page_passes_axe(role, demo, page, live_server):
    starts = ["/", "/this-page-does-not-exist/"]
    if role != "anonymous":
        sign_in(page, live_server, role)
        starts = ["/staff/", "/"]
    violations = []
    server_errors = []
    refused = []

    def check(visit):
        if visit.status >= 500:
            server_errors.append(f"{visit.path}: HTTP {visit.status}")
        if visit.status == 403:
            refused.append(visit.path)  # a link the role is shown but may not follow
        for violation in audit(page, f"{visit.path} [{visit.url_name}]"):
            if (visit.url_name, violation.rule) not in EXCEPTIONS:
                violations.append(violation)

    visits = crawl(page, live_server.url, starts, on_page=check)
    assert server_errors == []
    assert refused == [], f"as {role}, pages link to pages that refuse the role (HTTP 403): {refused}"
    assert len(visits) >= 3, f"the crawl found too few pages as {role}: {[v.path for v in visits]}"
    assert violations == [], f"{len(violations)} accessibility violation(s) as {role}:\n" + "\n".join(
        str(v) for v in violations
    )
    print(f"{role}: {len(visits)} pages audited: " + " ".join(v.path for v in visits))


def test_exceptions_name_a_reason():
    assert all(reason.strip() for reason in EXCEPTIONS.values())


def test_the_audit_catches_a_violation(transactional_db, page, live_server):
    """Guard against a vacuous audit: an image without alternative text must be reported."""
    page.goto(f"{live_server.url}/")
    page.evaluate(
        "() => document.querySelector('main').append(Object.assign(document.createElement('img'), {src: 'data:,'}))"
    )
    assert [v.rule for v in audit(page, "/")] == ["image-alt"]
