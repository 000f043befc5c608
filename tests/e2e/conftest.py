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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Per module, not per session: Playwright's event loop must not outlive the browser tests,
    # or Django would refuse the ORM in the tests that run after them in the same process.
    from playwright.sync_api import sync_playwright

    # While Playwright's sync API runs, its event loop sits in the main thread; the tests
    # themselves (fixtures, ORM checks, the database flush) stay plain synchronous code,
    # which Django would otherwise refuse there. Undone with the browser, so subprocesses
    # and tests elsewhere never inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(transactional_db, settings) -> None:
    """The demo instance (`make run`): Ichinoseki's plan and communities, demo accounts."""
    settings.DEMO_MODE = True
    call_command("setup_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmation of an irreversible action: a person says yes
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


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Argon2 costs ~0.2 s a hash on our machines and every world/demo user gets one: tests use MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
