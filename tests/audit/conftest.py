"""An account administrator and a small audit log of account and non-account events."""

from __future__ import annotations

import pytest

from kyodo.accounts.roles import Role
from kyodo.audit.models import AuditEvent
from kyodo.audit.services import record_event
from kyodo.audit.triggers import maintenance
from tests.factories import UserFactory


@pytest.fixture
def account_admin(world):
    return UserFactory(username="t_accounts", display_name="情報システム太郎", role=Role.ACCOUNT_ADMIN)


@pytest.fixture
def empty_log(world, account_admin):
    """The world's accounts were audited as created: start from an empty log."""
    with maintenance():
        AuditEvent.objects.all().delete()


@pytest.fixture
def events(empty_log, world, account_admin):
    city = world.users["city_admin"]
    return [
        record_event("grant_application.award", actor=city, target=world.community_a, summary="あおばに交付決定",
                     data={"amount_yen": 500000, "conditions": ["期限内に報告"]}),
        record_event("account.role_granted", actor=account_admin, target=world.users["liaison"],
                     summary="t_liaisonに役割を付与", data={"role": "liaison"}),
        record_event("plans.measure_updated", actor=city, target=world.community_b, summary="みどりの事業を変更"),
    ]


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
