"""Sign-in rules: demo accounts only in demo mode, lockout, password policy, sessions."""

import pytest
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

from kyodo.demo.accounts import ensure_no_demo_accounts_outside_demo_mode
from tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


def _login(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_staff_sign_in_and_land_on_the_work_area(client, world):
    response = _login(client, "t_branch")
    assert response.status_code == 302 and response["Location"] == reverse("staff:home")
    page = client.get(reverse("staff:home"))
    assert "あおば地域協働体" in page.content.decode()


@pytest.mark.django_db
def test_wrong_password_is_explained_in_japanese(client, world):
    response = _login(client, "t_branch", "wrong-password-123")
    assert response.status_code == 400
    assert "ユーザー名またはパスワードが正しくありません。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(LOGIN).status_code == 200  # the blank form is an ordinary page


@pytest.mark.django_db
def test_demo_accounts_cannot_sign_in_outside_demo_mode(client, settings):
    settings.DEMO_MODE = False
    UserFactory(username="city", role="city_admin", is_demo=True)
    assert _login(client, "city").status_code == 400
    assert "_auth_user_id" not in client.session
    with pytest.raises(ImproperlyConfigured):
        ensure_no_demo_accounts_outside_demo_mode()


@pytest.mark.django_db
def test_demo_accounts_sign_in_in_demo_mode(client, settings):
    settings.DEMO_MODE = True
    UserFactory(username="city", role="city_admin", is_demo=True)
    assert _login(client, "city").status_code == 302
    ensure_no_demo_accounts_outside_demo_mode()


@pytest.mark.django_db
def test_ten_failures_lock_the_account_for_fifteen_minutes(client, world):
    for _ in range(10):
        _login(client, "t_city", "not-the-password")
    response = _login(client, "t_city")  # the right password, too late
    assert response.status_code == 429
    assert "15分間停止" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("password", ["short-pw1", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    password_validation.validate_password("ichinoseki-kyodo-2026-satoyama")


@pytest.mark.django_db
def test_the_session_key_rotates_on_sign_in(client, world):
    client.get(LOGIN)
    client.cookies["sessionid"] = "x"
    before = client.session.session_key
    _login(client, "t_city")
    assert client.session.session_key != before


@pytest.mark.django_db
def test_sign_out_ends_the_session(client, world):
    _login(client, "t_city")
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("staff:home")).status_code == 302


@pytest.mark.django_db
def test_disabling_an_account_ends_all_its_sessions(world):
    from django.test import Client

    first, second = Client(), Client()
    for c in (first, second):
        assert _login(c, "t_liaison").status_code == 302
    user = world.users["liaison"]
    user.is_active = False
    user.save()
    assert Session.objects.count() == 0
    assert first.get(reverse("staff:home")).status_code == 302


@pytest.mark.django_db
def test_japanese_whatever_the_browser_asks_and_english_by_choice(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "ja"
    assert '<html lang="ja">' in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/")["Content-Language"] == "en"


def test_production_hashes_passwords_with_argon2():
    from kyodo import settings as kyodo_settings

    production_hashers = [h for h in kyodo_settings.PASSWORD_HASHERS if "MD5" not in h]
    assert production_hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
