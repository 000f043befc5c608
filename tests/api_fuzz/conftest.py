"""The API under schemathesis: Ichinoseki's plans and communities and five years of grant applications,
called through the WSGI app, signed in with a session cookie and its CSRF token (so writes are tried)."""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.test import Client
from django.utils.crypto import get_random_string

from kyodo.communities.demo import create_demo_content
from kyodo.communities.loading import load_communities
from kyodo.communities.models import Community
from kyodo.grants.demo import _years, create_demo_applications
from kyodo.grants.programs.loading import load_grant_programs
from kyodo.plans.loading import load_promotion_plans
from tests.grants.factories import make_eligible


@pytest.fixture(scope="module")
def _module_data(django_db_setup, django_db_blocker):
    """Loaded once for the module inside a transaction that is rolled back at its end (each test's
    own transaction is a savepoint within it), as Django's ``setUpTestData`` does."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_promotion_plans()
        load_communities()
        create_demo_content()
        load_grant_programs()
        for community in Community.objects.order_by("pk")[:3]:
            for year in _years():
                make_eligible(community, year)
        create_demo_applications()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def ichinoseki_data(_module_data, world) -> None:
    """Ichinoseki's plans and communities, demo content and five years of grant applications."""


def load_api_schema():
    """The spec as /api/v1/openapi.json serves it, bound to the WSGI app for the calls.

    (``schemathesis.pytest.from_fixture`` would be the lazy way, but schemathesis 4.32 uses
    ``Function._nodeid``, which pytest 9 removed; the spec itself needs no database.)
    """
    from kyodo.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = get_wsgi_application()
    return schema


def signed_in(user) -> dict[str, dict[str, str]]:
    """``case.call`` arguments for a signed-in session, as a browser sends it: the session and CSRF
    cookies and the token in ``X-CSRFToken`` (the API's session auth checks it on writes)."""
    client = Client()
    client.force_login(user)
    token = get_random_string(32)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    return {"headers": {"X-CSRFToken": token}, "cookies": cookies | {settings.CSRF_COOKIE_NAME: token}}


@pytest.fixture
def as_city_admin(world) -> dict[str, dict[str, str]]:
    return signed_in(world.users["city_admin"])


@pytest.fixture
def as_secretariat(world) -> dict[str, dict[str, str]]:
    """The community's secretariat: the grants API's writes are theirs."""
    return signed_in(world.users["community_secretariat"])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Argon2 costs ~0.2 s a hash on our machines and every world/demo user gets one: tests use MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
