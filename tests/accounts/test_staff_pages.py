"""The account list and an account's page: who sees them, what they show, search, filters, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.accounts.audit_trail import acting_as
from kyodo.accounts.models import User
from tests.factories import UserFactory

INDEX = "/staff/accounts/"


def test_anonymous_callers_sign_in_and_business_roles_are_refused(world):
    response = world.client("anonymous").get(INDEX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for role in ("city_admin", "branch_staff", "community_secretariat"):
        assert world.client(role).get(INDEX).status_code == 403
        assert world.client(role).get(f"{INDEX}{world.users['liaison'].pk}/").status_code == 403


def test_a_superuser_may_use_the_account_pages(world):
    root = User.objects.create_superuser("t_root", password="x-kyodo-root-2026-long")
    client = Client()
    client.force_login(root)
    assert "t_liaison" in client.get(INDEX).content.decode()


def test_the_list_shows_name_role_scope_status_and_last_sign_in_in_wareki(world, admin_client):
    branch = world.users["branch_staff"]
    branch.last_login = timezone.make_aware(dt.datetime(2025, 5, 1, 10, 0))
    branch.save(update_fields=["last_login"])
    world.users["advisor"].is_active = False
    world.users["advisor"].save(update_fields=["is_active"])
    response = admin_client.get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    row = html[html.index(">t_branch<"):]
    row = row[:row.index("</tr>")]
    assert "支所 地域振興課" in row and "A支所" in row and "有効" in row and "令和7年(2025年)5月1日" in row
    advisor_row = html[html.index(">t_advisor<"):]
    assert "停止中" in advisor_row[:advisor_row.index("</tr>")]
    assert "未サインイン" in html
    assert "あおば地域協働体" in html  # the secretariat's scope


def _usernames(client: Client, query: str) -> set[str]:
    html = client.get(f"{INDEX}?{query}").content.decode()
    return {user.username for user in User.objects.all() if f">{user.username}</a>" in html}


def test_search_by_user_name_name_and_email(world, admin_client):
    UserFactory(username="yamada", display_name="山田 花子", email="hanako@example.jp")
    assert _usernames(admin_client, "q=yamada") == {"yamada"}
    assert _usernames(admin_client, "q=山田") == {"yamada"}
    assert _usernames(admin_client, "q=hanako@example") == {"yamada"}


def test_filters_by_role_scope_status_and_demo(world, admin_client):
    UserFactory(username="demo_one", role="liaison", is_demo=True)
    UserFactory(username="newcomer_x", role="")
    UserFactory(username="gone", role="advisor", is_active=False)
    assert _usernames(admin_client, "role=liaison") == {"t_liaison", "demo_one"}
    assert _usernames(admin_client, "role=none") == {"newcomer_x"}
    # A branch: its own staff and the accounts of the communities in its districts.
    assert _usernames(admin_client, f"branch={world.branch_a.pk}") == {"t_branch", "t_secretariat", "t_officer"}
    assert _usernames(admin_client, f"community={world.community_a.pk}") == {"t_secretariat", "t_officer"}
    assert _usernames(admin_client, "active=inactive") == {"gone"}
    assert _usernames(admin_client, "demo=yes") == {"demo_one"}
    assert "demo_one" not in _usernames(admin_client, "demo=no")


def test_a_filter_that_is_not_a_number_is_a_bad_request(admin_client):
    assert admin_client.get(f"{INDEX}?branch=abc").status_code == 400


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_an_account_page_run_the_same_queries_whatever_the_data(world, admin_client):
    target = world.users["branch_staff"]
    few = (_queries(admin_client, INDEX), _queries(admin_client, f"{INDEX}{target.pk}/"))
    for number in range(30):
        UserFactory(username=f"many{number}", role="community_officer", community=world.community_b)
    with acting_as(None):
        for role in ("liaison", "advisor", "branch_staff"):
            target.role = role
            target.save()
        target.role = "branch_staff"
        target.save()
    assert (_queries(admin_client, INDEX), _queries(admin_client, f"{INDEX}{target.pk}/")) == few


def test_an_account_page_shows_role_scope_and_recent_audit_events_newest_first(world, admin_client, account_admin):
    target = world.users["community_officer"]
    with acting_as(account_admin):
        target.role = "community_secretariat"
        target.save()
    html = admin_client.get(f"{INDEX}{target.pk}/").content.decode()
    assert "地域協働体 事務局" in html and "あおば地域協働体" in html
    granted = html.index("に役割「地域協働体 事務局」を付与")
    created = html.index("アカウントt_officerを作成")
    assert granted < created
    assert f'href="/staff/audit/?object_type=accounts.user&amp;object_id={target.pk}"' in html
    assert "t_it_admin" in html  # the actor of the role change


def test_an_account_page_lists_at_most_20_events(world, admin_client):
    target = world.users["liaison"]
    with acting_as(None):
        for _number in range(12):
            target.is_active = False
            target.save()
            target.is_active = True
            target.save()
    html = admin_client.get(f"{INDEX}{target.pk}/").content.decode()
    body = html[html.index('id="events-heading"'):]
    assert body.count('<tr><td data-label="日時">') == 20


@pytest.mark.parametrize("url", ["", "role/", "password/", "deactivate/"])
def test_a_superusers_account_is_shown_but_not_editable_by_an_account_administrator(world, admin_client, url):
    root = User.objects.create_superuser("t_root", password="x-kyodo-root-2026-long")
    response = admin_client.get(f"{INDEX}{root.pk}/{url}")
    if url:
        assert response.status_code == 403
    else:
        html = response.content.decode()
        assert "変更できるのはシステム管理者だけです" in html and "role/" not in html


def test_an_unknown_account_is_not_found(admin_client):
    assert admin_client.get(f"{INDEX}999999/").status_code == 404
