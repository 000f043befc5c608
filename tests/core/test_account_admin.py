"""Separation of duties for accounts: only the account administrator (情報システム担当) creates
accounts and changes roles (at /staff/accounts/); business roles cannot; every such change is an audit
event; and the Django admin is the system administrator's fallback, closed to every business role."""

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
    return client.post("/staff/accounts/new/", {
        "username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "display_name": "二人目",
        "role": role})


def test_a_city_administrator_cannot_create_accounts_or_change_roles(world):
    city = world.client("city_admin")
    assert city.get("/staff/accounts/new/").status_code == 403
    assert _add_user(city, "second_city_admin").status_code == 403
    assert not User.objects.filter(username="second_city_admin").exists()
    branch = world.users["branch_staff"]
    response = city.post(f"/staff/accounts/{branch.pk}/role/", {"role": "city_admin"})
    assert response.status_code == 403
    branch.refresh_from_db()
    assert branch.role == "branch_staff"


@pytest.mark.parametrize("role", ["city_admin", "branch_staff", "community_secretariat"])
def test_the_admin_is_closed_to_business_roles(world, role):
    from kyodo.communities.models import Community

    community = world.community_a
    client = world.client(role)
    assert client.get("/admin/").status_code == 403
    url = f"/admin/communities/community/{community.pk}/change/"
    assert client.post(url, {"name": "乗っ取り", "slug": community.slug}).status_code == 403
    assert Community.objects.get(pk=community.pk).name == community.name


def test_the_admin_is_open_to_the_system_administrator_and_closed_to_the_account_administrator(world,
                                                                                           account_admin):
    assert _client(account_admin).get("/admin/").status_code == 403
    superuser = UserFactory(username="t_root", is_superuser=True, is_staff=True)
    assert _client(superuser).get("/admin/").status_code == 200
    assert Client().get("/admin/").status_code == 302  # to kyodo's sign-in page


def test_the_account_administrator_creates_an_account_audited_and_has_no_business_role(world, account_admin):
    client = _client(account_admin)
    assert _add_user(client, "new_branch_person", role="liaison").status_code == 302
    created = User.objects.get(username="new_branch_person")
    event = AuditEvent.objects.get(action="account.created", object_id=str(created.pk))
    assert event.actor_id == account_admin.pk and event.data["role"] == "liaison"
    # No business decisions, and no admin.
    assert client.get("/admin/communities/community/").status_code == 403
    application = make_application(world.community_a, status="recommended")
    assert not account_admin.has_perm("grants.award_application", application)
    assert not account_admin.is_city_staff


def test_role_changes_deactivation_and_password_resets_are_audited(world, account_admin):
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
    target.refresh_from_db()
    from kyodo.accounts.services import fingerprint, set_password

    set_password(target, actor=account_admin, seen=fingerprint(target), password=NEW_PASSWORD)
    event = AuditEvent.objects.filter(object_id=str(target.pk)).order_by("-sequence").first()
    assert (event.action, event.actor_id) == ("account.password_reset", account_admin.pk)


def test_signing_in_adds_no_account_event(world, client):
    from tests.factories import PASSWORD

    before = AuditEvent.objects.count()
    assert client.post("/accounts/login/", {"username": "t_city", "password": PASSWORD}).status_code == 302
    assert AuditEvent.objects.count() == before
