"""The account administrator (情報システム担当) and a client signed in as them."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def account_admin(world):
    return UserFactory(username="t_it_admin", display_name="情報 管理者", role="account_admin")


@pytest.fixture
def admin_client(account_admin) -> Client:
    client = Client()
    client.force_login(account_admin)
    return client
