"""The work area: account management for 情報システム担当 with its counts, data administration (the Django
admin) for superusers only; the demo gives the account administrator an account waiting for its role."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from kyodo.accounts.demo import NEWCOMER, add_account_without_role
from kyodo.accounts.models import User
from tests.factories import UserFactory


def _section(html: str, key: str) -> str:
    start = html.index(f'id="{key}-heading"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_account_administrator_sees_counts_and_accounts_waiting_for_a_role(world, admin_client):
    UserFactory(username="waiting", role="")
    UserFactory(username="gone", role="advisor", is_active=False)
    User.objects.exclude(username__in=["waiting", "gone"]).update(last_login=timezone.now() - dt.timedelta(days=1))
    section = _section(admin_client.get("/staff/").content.decode(), "accounts")
    # 8 world accounts, the administrator and "waiting" are active; "waiting" and "gone" never signed in.
    assert "有効 10件・停止中 1件・未サインイン 2件" in section
    assert "役割が未設定のアカウント" in section
    assert 'href="/staff/accounts/?role=none&amp;active=active"' in section
    assert '<span class="badge">1</span>' in section


def test_data_administration_is_for_superusers_only(world, admin_client):
    assert 'id="administration-heading"' not in world.client("city_admin").get("/staff/").content.decode()
    assert 'id="administration-heading"' not in admin_client.get("/staff/").content.decode()
    root = User.objects.create_superuser("t_root", password="x-kyodo-root-2026-long")
    client = Client()
    client.force_login(root)
    assert 'href="/admin/"' in _section(client.get("/staff/").content.decode(), "administration")


def test_business_roles_see_no_account_management(world):
    assert 'id="accounts-heading"' not in world.client("city_admin").get("/staff/").content.decode()


def test_the_demo_adds_one_account_without_a_role_that_never_signed_in(world, admin_client):
    add_account_without_role()
    add_account_without_role()  # a step runs again on every setup_demo: it keeps what exists
    newcomer = User.objects.get(username=NEWCOMER)
    assert (newcomer.display_name, newcomer.role, newcomer.last_login, newcomer.is_demo) == (
        "新規職員(デモ)", "", None, True)
    assert not newcomer.has_usable_password()
    html = admin_client.get("/staff/accounts/?role=none&active=active").content.decode()
    assert f">{NEWCOMER}</a>" in html and "1件" in html


def test_the_demo_journey_gives_the_newcomer_a_role_and_a_first_password(world, admin_client, settings):
    settings.DEMO_MODE = True
    newcomer = add_account_without_role()
    role_page = admin_client.get(f"/staff/accounts/{newcomer.pk}/role/").content.decode()
    seen = re.search(r'name="seen" value="([0-9a-f]{64})"', role_page).group(1)
    response = admin_client.post(f"/staff/accounts/{newcomer.pk}/role/", {"role": "liaison", "seen": seen})
    assert response.status_code == 302
    password_page = admin_client.get(f"/staff/accounts/{newcomer.pk}/password/").content.decode()
    seen = re.search(r'name="seen" value="([0-9a-f]{64})"', password_page).group(1)
    shown = admin_client.post(f"/staff/accounts/{newcomer.pk}/password/", {"generate": "on", "seen": seen})
    password = re.search(r'temporary-password__value">([^<]+)<', shown.content.decode()).group(1)
    their_browser = Client()
    assert their_browser.post("/accounts/login/", {"username": NEWCOMER, "password": password}).status_code == 302
    assert "役割が未設定のアカウント" not in admin_client.get("/staff/").content.decode()
