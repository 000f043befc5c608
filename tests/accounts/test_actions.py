"""Actions on an account: each asks for confirmation naming its consequence, is audited with the
administrator as actor, refuses a stale page (409) and the administrator's own lock-out (422)."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from kyodo.accounts.audit_trail import acting_as
from kyodo.accounts.models import User
from kyodo.accounts.services import fingerprint
from kyodo.audit.models import AuditEvent
from tests.factories import PASSWORD

NEW_PASSWORD = "ichinoseki-kyodo-2026-satoyama"


def _url(account, action):
    return f"/staff/accounts/{account.pk}/{action}/"


def _last_event(account):
    return AuditEvent.objects.filter(object_type="accounts.user", object_id=str(account.pk)).order_by("-sequence")[0]


def _seen(client, account, action):
    """The fingerprint the confirmation page carries, as a browser would post it back."""
    html = client.get(_url(account, action)).content.decode()
    return re.search(r'name="seen" value="([0-9a-f]{64})"', html).group(1)


@pytest.mark.parametrize(("action", "consequence"), [
    ("role", "使える画面と扱えるデータがすぐに変わります"),
    ("deactivate", "セッションを終了します"),
    ("password", "今のパスワードは使えなくなります"),
])
def test_each_action_asks_for_confirmation_naming_its_consequence(world, admin_client, action, consequence):
    response = admin_client.get(_url(world.users["liaison"], action))
    assert response.status_code == 200 and consequence in response.content.decode()


def test_changing_the_role_and_scope_is_audited_as_the_administrator(world, admin_client, account_admin):
    target = world.users["liaison"]
    response = admin_client.post(_url(target, "role"), {"role": "branch_staff", "branch_office": world.branch_b.pk,
                                                        "seen": _seen(admin_client, target, "role")})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.role, target.branch_office) == ("branch_staff", world.branch_b)
    events = AuditEvent.objects.filter(object_id=str(target.pk), action__startswith="account.role")
    assert {(event.action, event.actor_id) for event in events.order_by("-sequence")[:2]} == {
        ("account.role_removed", account_admin.pk), ("account.role_granted", account_admin.pk)}


def test_a_role_without_its_scope_is_refused_and_nothing_changes(world, admin_client):
    target = world.users["liaison"]
    before = AuditEvent.objects.count()
    response = admin_client.post(_url(target, "role"), {"role": "company_contact",
                                                        "seen": _seen(admin_client, target, "role")})
    assert response.status_code == 422 and "この役割には企業を選んでください。" in response.content.decode()
    target.refresh_from_db()
    assert target.role == "liaison" and AuditEvent.objects.count() == before


def test_deactivation_ends_the_sessions_and_is_audited(world, admin_client, account_admin):
    target = world.users["branch_staff"]
    their_browser = Client()
    signed_in = their_browser.post("/accounts/login/", {"username": target.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert their_browser.get("/staff/").status_code == 200
    sessions = Session.objects.count()
    response = admin_client.post(_url(target, "deactivate"), {"seen": _seen(admin_client, target, "deactivate")})
    assert response.status_code == 302
    assert "セッションを終了しました" in admin_client.get(response["Location"]).content.decode()
    target.refresh_from_db()
    assert not target.is_active
    assert Session.objects.count() == sessions - 1
    assert their_browser.get("/staff/").status_code == 302  # signed out: sent to sign in
    assert (_last_event(target).action, _last_event(target).actor_id) == ("account.deactivated", account_admin.pk)


def test_reactivation_is_audited(world, admin_client, account_admin):
    target = world.users["advisor"]
    target.is_active = False
    target.save()
    response = admin_client.post(_url(target, "reactivate"), {"seen": _seen(admin_client, target, "reactivate")})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_active
    assert (_last_event(target).action, _last_event(target).actor_id) == ("account.reactivated", account_admin.pk)


def test_a_typed_password_reset_is_validated_and_audited(world, admin_client, account_admin):
    target = world.users["advisor"]
    seen = _seen(admin_client, target, "password")
    weak = admin_client.post(_url(target, "password"), {"password1": "abc", "password2": "abc", "seen": seen})
    assert weak.status_code == 422 and "このパスワードは短すぎます" in weak.content.decode()
    response = admin_client.post(_url(target, "password"),
                                 {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "seen": seen})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password(NEW_PASSWORD)
    assert (_last_event(target).action, _last_event(target).actor_id) == ("account.password_reset", account_admin.pk)


def test_a_generated_password_reset_is_shown_once(world, admin_client, account_admin):
    target = world.users["advisor"]
    response = admin_client.post(_url(target, "password"), {"generate": "on",
                                                            "seen": _seen(admin_client, target, "password")})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = re.search(r'temporary-password__value">([^<]+)<', response.content.decode()).group(1)
    target.refresh_from_db()
    assert target.check_password(password)
    assert _last_event(target).actor_id == account_admin.pk


@pytest.mark.parametrize(("action", "data"), [
    ("role", {"role": "advisor"}),
    ("deactivate", {}),
    ("password", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}),
])
def test_a_page_older_than_the_account_is_refused_and_nothing_changes(world, admin_client, account_admin, action,
                                                                      data):
    target = world.users["liaison"]
    seen = _seen(admin_client, target, action)
    with acting_as(account_admin):  # someone else changes the account meanwhile
        target.display_name = "別の名前"
        target.save()
    state = fingerprint(User.objects.get(pk=target.pk))
    before = AuditEvent.objects.count()
    response = admin_client.post(_url(target, action), {**data, "seen": seen})
    assert response.status_code == 409
    assert "他の方が先に更新しました" in response.content.decode()
    assert fingerprint(User.objects.get(pk=target.pk)) == state and AuditEvent.objects.count() == before


def test_a_page_without_its_fingerprint_is_refused(world, admin_client):
    target = world.users["liaison"]
    response = admin_client.post(_url(target, "deactivate"), {})
    assert response.status_code == 422 and "読み込み直して" in response.content.decode()
    target.refresh_from_db()
    assert target.is_active


def test_the_administrator_cannot_deactivate_themself(admin_client, account_admin):
    response = admin_client.post(_url(account_admin, "deactivate"),
                                 {"seen": _seen(admin_client, account_admin, "deactivate")})
    assert response.status_code == 422
    assert "自分のアカウントは停止できません" in response.content.decode()
    account_admin.refresh_from_db()
    assert account_admin.is_active


def test_the_administrator_cannot_remove_their_own_account_administration(admin_client, account_admin):
    response = admin_client.post(_url(account_admin, "role"), {"role": "city_admin",
                                                               "seen": _seen(admin_client, account_admin, "role")})
    assert response.status_code == 422
    assert "自分のアカウント管理の役割は外せません" in response.content.decode()
    account_admin.refresh_from_db()
    assert account_admin.role == "account_admin"


@pytest.mark.parametrize("action", ["role", "deactivate", "reactivate", "password"])
def test_business_roles_get_403_on_every_post_and_nothing_changes(world, action):
    target = world.users["liaison"]
    state = fingerprint(target)
    data = {"role": "city_admin", "seen": state, "generate": "on"}
    for role in ("city_admin", "branch_staff", "liaison", "community_secretariat", "company_contact"):
        assert world.client(role).post(_url(target, action), data).status_code == 403
    assert world.client("city_admin").post("/staff/accounts/new/", {"username": "x", "generate": "on",
                                                                    "display_name": "x"}).status_code == 403
    assert fingerprint(User.objects.get(pk=target.pk)) == state
    assert not User.objects.filter(username="x").exists()
