"""The demo has an account administrator: it manages accounts at /staff/accounts/, and decides nothing."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.communities.loading import load_communities
from kyodo.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from kyodo.plans.loading import load_promotion_plans


def test_the_demo_account_administrator_manages_accounts_only(db, settings):
    settings.DEMO_MODE = True
    assert "accounts" in {account.username for account in DEMO_ACCOUNTS}
    load_promotion_plans()
    load_communities()
    create_demo_accounts()
    user = User.objects.get(username="accounts")
    assert user.role == Role.ACCOUNT_ADMIN and user.is_demo
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "accounts", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("accounts_staff:index")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 403
    assert not user.has_perm("grants.decide_application")
