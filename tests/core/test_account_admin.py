"""Separation of duties for accounts: only the account administrator (情報システム担当) creates
accounts and changes roles; business roles cannot; every such change is an audit event; and the
Django admin cannot write what services write."""

from __future__ import annotations

import pytest
from django.test import Client

from kyodo.accounts.models import User
from kyodo.audit.models import AuditEvent
from tests.factories import UserFactory
from tests.grants.factories import make_application

NEW_PASSWORD = "ichinoseki-kyodo-2026-satoyama"


@pytest.fixture
def account_admin(world):
    return UserFactory(username="t_it_admin", role="account_admin")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _add_user(client: Client, username: str, role: str = "city_admin"):
    return client.post("/admin/accounts/user/add/", {
        "username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true",
        "display_name": "二人目", "role": role})


def test_a_city_administrator_cannot_create_accounts_or_change_roles(world):
    city = world.client("city_admin")
    assert city.get("/admin/").status_code == 200
    assert city.get("/admin/accounts/user/add/").status_code == 403
    assert _add_user(city, "second_city_admin").status_code == 403
    assert not User.objects.filter(username="second_city_admin").exists()
    branch = world.users["branch_staff"]
    response = city.post(f"/admin/accounts/user/{branch.pk}/change/", {"username": branch.username,
                                                                       "role": "city_admin"})
    assert response.status_code == 403
    branch.refresh_from_db()
    assert branch.role == "branch_staff"


def test_the_admin_is_read_only_where_services_write(world):
    from kyodo.communities.models import Community

    community = world.community_a
    city = world.client("city_admin")
    url = f"/admin/communities/community/{community.pk}/change/"
    page = city.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert city.post(url, {"name": "乗っ取り", "slug": community.slug}).status_code == 403
    assert Community.objects.get(pk=community.pk).name == community.name
    assert city.get("/admin/communities/community/add/").status_code == 403
    assert city.post(f"/admin/communities/community/{community.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Community.objects.filter(pk=community.pk).exists()


def test_the_account_administrator_creates_an_account_audited_and_has_no_business_role(world, account_admin):
    client = _client(account_admin)
    assert _add_user(client, "new_branch_person", role="liaison").status_code == 302
    created = User.objects.get(username="new_branch_person")
    event = AuditEvent.objects.get(action="account.created", object_id=str(created.pk))
    assert event.actor_id == account_admin.pk and event.data["role"] == "liaison"
    # No business pages or admin data beyond accounts.
    assert client.get("/admin/communities/community/").status_code == 403
    assert client.get("/admin/audit/auditevent/").status_code == 403
    application = make_application(world.community_a, status="recommended")
    assert not account_admin.has_perm("grants.award_application", application)
    assert not account_admin.is_city_staff


def test_role_changes_deactivation_and_password_resets_are_audited(world, account_admin):
    client = _client(account_admin)
    target = world.users["liaison"]
    with_admin = User.objects.get(pk=target.pk)
    with_admin.role = "city_admin"
    from kyodo.accounts.audit_trail import acting_as

    with acting_as(account_admin):
        with_admin.save()
        with_admin.is_active = False
        with_admin.save()
    actions = list(AuditEvent.objects.filter(object_id=str(target.pk), object_type="accounts.user")
                   .order_by("sequence").values_list("action", "actor_id"))
    assert actions[-3:] == [("account.role_removed", account_admin.pk), ("account.role_granted", account_admin.pk),
                            ("account.deactivated", account_admin.pk)]
    url = f"/admin/accounts/user/{target.pk}/password/"
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_id=str(target.pk)).order_by("-sequence").first()
    assert (event.action, event.actor_id) == ("account.password_reset", account_admin.pk)


def test_signing_in_adds_no_account_event(world, client):
    from tests.factories import PASSWORD

    before = AuditEvent.objects.count()
    assert client.post("/accounts/login/", {"username": "t_city", "password": PASSWORD}).status_code == 302
    assert AuditEvent.objects.count() == before
