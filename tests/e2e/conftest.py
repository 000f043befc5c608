"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on our machines, so the tests use the
system Chromium (``apt-get install chromium chromium-driver``), or ``KYODO_CHROMIUM``.
Without it every browser test is skipped, with the reason in pytest's summary.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError

import kyodo

# Playwright's sync API keeps an event loop in the main thread; the test itself (fixtures,
# ORM checks) is still plain synchronous code, which Django would otherwise refuse there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KYODO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "kyodo-demo"


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return (
            f"browser tests skipped: Chromium not found at {CHROMIUM} "
            "(install it with: apt-get install -y chromium chromium-driver, or set KYODO_CHROMIUM)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is not installed (make install)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = chromium_missing_reason()
    if reason is None:
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo(transactional_db, settings) -> None:
    """The demo instance (`make run`): Ichinoseki's plan and communities, demo accounts."""
    settings.DEMO_MODE = True
    try:
        call_command("setup_demo", verbosity=0, stdout=io.StringIO())
    except IntegrityError:
        # setup_demo cannot create the scoped demo accounts on an empty database yet
        # (tests/quality/test_demo_setup.py fails for that): create them with their scope first.
        _create_scoped_demo_accounts()
        call_command("setup_demo", verbosity=0, stdout=io.StringIO())


def _create_scoped_demo_accounts() -> None:
    from kyodo.accounts.models import User
    from kyodo.accounts.roles import Role
    from kyodo.communities.models import BranchOffice, Community
    from kyodo.companies.models import Company
    from kyodo.plans.models import Department

    company, _ = Company.objects.get_or_create(slug="demo-kensetsu", defaults={"name": "いちのせき架空建設株式会社"})
    scoped = {
        "branch": (Role.BRANCH_STAFF, {"branch_office": BranchOffice.objects.get(slug="hanaizumi")}),
        "dept": (Role.DEPARTMENT_STAFF, {"department": Department.objects.get(name="職員課")}),
        "community": (Role.COMMUNITY_SECRETARIAT, {"community": Community.objects.get(slug="yamanome")}),
        "company": (Role.COMPANY_CONTACT, {"company": company}),
    }
    for username, (role, scope) in scoped.items():
        user = User(username=username, role=role, is_demo=True, **scope)
        user.set_password(DEMO_PASSWORD)
        user.save()


@pytest.fixture(autouse=True)
def _site_static_files(request, settings) -> None:
    """Serve src/kyodo/static even if the settings forget it (tests/quality/test_static_files.py fails then)."""
    from django.contrib.staticfiles import finders

    if finders.find("kyodo/css/kyodo.css") is None:
        settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(Path(kyodo.__file__).parent / "static")]


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="サインイン").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in: {page.inner_text('main')[:300]}"
