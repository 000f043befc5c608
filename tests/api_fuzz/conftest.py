"""The API under schemathesis: Ichinoseki's plans and communities, called through the WSGI app."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import Client

from kyodo.communities.demo import create_demo_content
from kyodo.communities.loading import load_communities
from kyodo.plans.loading import load_promotion_plans


@pytest.fixture
def ichinoseki_data(world) -> None:
    load_promotion_plans()
    load_communities()
    create_demo_content()


def load_api_schema():
    """The spec as /api/v1/openapi.json serves it, bound to the WSGI app for the calls.

    (``schemathesis.pytest.from_fixture`` would be the lazy way, but schemathesis 4.32 uses
    ``Function._nodeid``, which pytest 9 removed; the spec itself needs no database.)
    """
    from kyodo.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = get_wsgi_application()
    return schema


@pytest.fixture
def city_admin_cookie(world) -> str:
    """A signed-in city administrator's session, as a Cookie header (the API uses Django sessions)."""
    client = Client()
    client.force_login(world.users["city_admin"])
    return f"sessionid={client.cookies['sessionid'].value}"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Argon2 costs ~0.2 s a hash on our machines and every world/demo user gets one: tests use MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
