"""Screenshots of the key pages for each role: `make screenshots` writes docs/screenshots/*.png.

Skipped unless KYODO_SCREENSHOTS names the folder to write to (the Makefile sets it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.browser

TARGET = os.environ.get("KYODO_SCREENSHOTS", "")

# role → [(file name, path)]; a path of None means "follow the link with this text from the previous page".
KEY_PAGES: dict[str, list[tuple[str, str]]] = {
    "resident": [
        ("home", "/"),
        ("plan", "/plans/"),
        ("measure", "/plans/2/measures/1/"),
        ("communities", "/communities/"),
        ("community", "/communities/yamanome/"),
        ("grants-totals", "/grants/totals/"),
        ("accessibility", "/accessibility/"),
        ("sign-in", "/accounts/login/"),
    ],
    "community": [
        ("work-area", "/staff/"),
        ("community", "/staff/communities/yamanome/"),
        ("community-edit", "/staff/communities/yamanome/edit/"),
        ("grants-entitlements", "/staff/grants/community/yamanome/"),
        ("grants-awarded", "application:awarded"),
    ],
    "city": [
        ("work-area", "/staff/"),
        ("plans", "/staff/plans/"),
        ("measure-edit", "/staff/plans/2/measures/1/edit/"),
        ("communities", "/staff/communities/"),
        ("grant-applications", "/staff/grants/applications/"),
        ("grant-reported", "application:reported"),
        ("grant-closed", "application:closed"),
        ("grant-ledger", "ledger:activity"),
    ],
    "branch": [("work-area", "/staff/"), ("communities", "/staff/communities/")],
    "liaison": [("work-area", "/staff/")],
    "dept": [("work-area", "/staff/")],
    "advisor": [("work-area", "/staff/")],
    "company": [("work-area", "/staff/"), ("refused", "/staff/communities/yamanome/edit/")],
}


def _resolve(path: str, role: str) -> str:
    """"application:<state>": the newest demo application in that state the role may see;
    "ledger:<program>": that program's ledger for the newest year with applications."""
    from django.urls import reverse

    from kyodo.accounts.models import User
    from kyodo.grants.models import Application
    from kyodo.grants.scopes import APPLICATIONS

    kind, _, value = path.partition(":")
    if kind == "application":
        user = User.objects.get(username=role)
        application = APPLICATIONS.queryset(user).filter(status=value).order_by("-fiscal_year", "pk").first()
        assert application is not None, f"no {value} application visible to {role}"
        return reverse("grants_staff:application-detail", args=[application.pk])
    if kind == "ledger":
        year = Application.objects.filter(program__code=value).order_by("-fiscal_year").values_list(
            "fiscal_year", flat=True).first()
        return reverse("grants_staff:ledger", args=[value, year])
    return path


@pytest.mark.skipif(not TARGET, reason="screenshots are written only by `make screenshots` (KYODO_SCREENSHOTS)")
@pytest.mark.parametrize("role", list(KEY_PAGES))
def test_screenshots_of_the_key_pages(role, demo, page, live_server):
    folder = Path(TARGET)
    folder.mkdir(parents=True, exist_ok=True)
    if role != "resident":
        sign_in(page, live_server, role)
    for name, path in KEY_PAGES[role]:
        page.goto(f"{live_server.url}{_resolve(path, role)}")
        page.screenshot(path=str(folder / f"{role}-{name}.png"), full_page=True)
