"""Sign-in limits: per account across all addresses and per address, the client's address read
from X-Forwarded-For only when a trusted proxy sends it, and a lock that never lasts past 15 minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from kyodo.accounts.sign_in_limits import DEVICE_COOKIE
from kyodo.client_ip import client_ip
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _sign_in(username: str, password: str, *, ip: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": ip} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    return Client().post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    return RequestFactory().get("/", **extra)


@override_settings(KYODO_TRUSTED_PROXIES=[PROXY, "192.168.0.0/24"])
def test_the_forwarded_address_counts_only_from_a_trusted_proxy():
    assert client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"  # spoofed header ignored
    assert client_ip(_request(PROXY, "198.51.100.1")) == "198.51.100.1"
    # What the client wrote to the left of the proxies' entries is not believed.
    assert client_ip(_request(PROXY, "1.2.3.4, 198.51.100.1, 192.168.0.7")) == "198.51.100.1"
    assert client_ip(_request(PROXY, "not-an-ip")) == PROXY
    assert client_ip(_request(PROXY)) == PROXY


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(_request(PROXY, "198.51.100.1")) == PROXY


def _age_failures(minutes: float) -> None:
    """Move every recorded failure ``minutes`` into the past."""
    when = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=when)
    AccessFailureLog.objects.update(attempt_time=when)


@pytest.mark.django_db
@override_settings(KYODO_TRUSTED_PROXIES=[PROXY])
def test_guesses_at_one_account_from_many_addresses_lock_it_after_ten():
    owner = UserFactory(username="t_owner_city", role="city_admin")
    for n in range(9):
        assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded=f"198.51.100.{n}").status_code == 400
    assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded="198.51.100.9").status_code == 429  # the 10th
    # A browser that is not the owner's, from an address never used for a guess, is refused too...
    assert _sign_in(owner.username, PASSWORD, ip=PROXY, forwarded="203.0.113.77").status_code == 429
    # ...failures meanwhile do not extend anything...
    assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded="198.51.100.99").status_code == 429
    assert AccessFailureLog.objects.filter(username=owner.username).count() == 10
    # ...and the hour's budget of ten guesses is spent: no new guess 15 minutes later...
    _age_failures(15.02)
    assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded="198.51.100.100").status_code == 429
    assert AccessFailureLog.objects.filter(username=owner.username).count() == 10
    # ...until the failures are an hour old.
    _age_failures(60.02)
    assert _sign_in(owner.username, PASSWORD, ip=PROXY, forwarded="203.0.113.77").status_code == 302


@pytest.mark.django_db
@override_settings(KYODO_TRUSTED_PROXIES=[PROXY])
def test_no_more_than_ten_guesses_an_hour_even_when_spread_past_the_lock():
    owner = UserFactory(username="t_owner_spread", role="city_admin")
    for n in range(6):
        assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded=f"198.51.100.{n}").status_code == 400
    _age_failures(20)  # the 15-minute window has passed; the hour has not
    results = [_sign_in(owner.username, "wrong", ip=PROXY, forwarded=f"198.51.101.{n}").status_code for n in range(8)]
    assert results == [400, 400, 400, 400, 429, 429, 429, 429]
    assert AccessFailureLog.objects.filter(username=owner.username).count() == 10


@pytest.mark.django_db
@override_settings(KYODO_TRUSTED_PROXIES=[PROXY])
def test_the_owners_own_browser_is_never_locked_out_by_outsiders():
    owner = UserFactory(username="t_owner_device", role="city_admin")
    browser = Client()
    owner_ip = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    login = reverse("accounts:login")
    assert browser.post(login, {"username": owner.username, "password": PASSWORD}, **owner_ip).status_code == 302
    assert DEVICE_COOKIE in browser.cookies
    browser.post(reverse("accounts:logout"), **owner_ip)
    for n in range(12):
        _sign_in(owner.username, "wrong", ip=PROXY, forwarded=f"198.51.100.{n}")
    assert _sign_in(owner.username, PASSWORD, ip=PROXY, forwarded="203.0.113.6").status_code == 429
    assert browser.post(login, {"username": owner.username, "password": PASSWORD}, **owner_ip).status_code == 302
    browser.post(reverse("accounts:logout"), **owner_ip)
    # The cookie is the account's: it does not lift the limit on another account.
    other = UserFactory(username="t_other_device", role="city_admin")
    for n in range(10):
        _sign_in(other.username, "wrong", ip=PROXY, forwarded=f"198.51.102.{n}")
    assert browser.post(login, {"username": other.username, "password": PASSWORD}, **owner_ip).status_code == 429
    # A forged cookie is no cookie.
    forged = Client()
    forged.cookies[DEVICE_COOKIE] = "t_owner_device:forged"
    response = forged.post(login, {"username": owner.username, "password": PASSWORD}, **owner_ip)
    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(KYODO_TRUSTED_PROXIES=[PROXY])
def test_the_owners_browser_has_its_own_budget_of_guesses():
    owner = UserFactory(username="t_owner_budget", role="city_admin")
    browser = Client()
    login = reverse("accounts:login")
    extra = {"REMOTE_ADDR": PROXY}
    assert browser.post(login, {"username": owner.username, "password": PASSWORD}, **extra).status_code == 302
    browser.post(reverse("accounts:logout"), **extra)
    statuses = []
    for n in range(11):
        extra = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"198.51.103.{n}"}
        statuses.append(browser.post(login, {"username": owner.username, "password": "wrong"}, **extra).status_code)
    assert statuses[:9] == [400] * 9
    assert statuses[-1] == 429
    extra = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.103.99"}
    assert browser.post(login, {"username": owner.username, "password": PASSWORD}, **extra).status_code == 429


@pytest.mark.django_db
def test_an_administrators_reset_lifts_the_hourly_budget_too():
    owner = UserFactory(username="t_owner_reset", role="city_admin")
    for n in range(10):
        _sign_in(owner.username, "wrong", ip=f"198.51.104.{n}")
    assert _sign_in(owner.username, PASSWORD, ip="203.0.113.9").status_code == 429
    call_command("axes_reset_username", owner.username)
    assert AccessFailureLog.objects.filter(username=owner.username).count() == 0
    assert _sign_in(owner.username, PASSWORD, ip="203.0.113.9").status_code == 302


@pytest.mark.django_db
@override_settings(KYODO_TRUSTED_PROXIES=[PROXY])
def test_one_address_guessing_at_many_accounts_is_locked_but_others_behind_the_proxy_are_not():
    users = [UserFactory(username=f"t_user_{n}", role="city_admin") for n in range(11)]
    for user in users[:9]:
        assert _sign_in(user.username, "wrong", ip=PROXY, forwarded="198.51.100.66").status_code == 400
    assert _sign_in(users[9].username, "wrong", ip=PROXY, forwarded="198.51.100.66").status_code == 429
    assert _sign_in(users[10].username, PASSWORD, ip=PROXY, forwarded="198.51.100.66").status_code == 429
    assert _sign_in(users[10].username, PASSWORD, ip=PROXY, forwarded="203.0.113.8").status_code == 302


@pytest.mark.django_db
def test_a_spoofed_header_does_not_escape_the_address_limit():
    users = [UserFactory(username=f"t_spoof_{n}", role="city_admin") for n in range(11)]
    for n, user in enumerate(users[:10]):
        _sign_in(user.username, "wrong", ip="198.51.100.70", forwarded=f"203.0.113.{n}")
    assert _sign_in(users[10].username, PASSWORD, ip="198.51.100.70", forwarded="203.0.113.200").status_code == 429
