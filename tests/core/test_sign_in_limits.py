"""Sign-in limits: per account across all addresses and per address, the client's address read
from X-Forwarded-For only when a trusted proxy sends it, and a lock that never lasts past 15 minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from kyodo.client_ip import client_ip
from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.5"


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


@pytest.mark.django_db
@override_settings(KYODO_TRUSTED_PROXIES=[PROXY])
def test_guesses_at_one_account_from_many_addresses_lock_it_after_ten():
    owner = UserFactory(username="t_owner_city", role="city_admin")
    for n in range(9):
        assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded=f"198.51.100.{n}").status_code == 400
    assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded="198.51.100.9").status_code == 429  # the 10th
    # The owner, from an address never used for a guess, is refused too while the lock lasts...
    assert _sign_in(owner.username, PASSWORD, ip=PROXY, forwarded="203.0.113.77").status_code == 429
    # ...and the lock ends 15 minutes after the last failure, even though guesses went on meanwhile.
    assert _sign_in(owner.username, "wrong", ip=PROXY, forwarded="198.51.100.99").status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15, seconds=1))
    assert _sign_in(owner.username, PASSWORD, ip=PROXY, forwarded="203.0.113.77").status_code == 302


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
