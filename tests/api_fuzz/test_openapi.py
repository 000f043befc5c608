"""schemathesis against /api/v1/openapi.json: no 5xx, responses as documented, one error format.

Every operation gets a bounded number of generated requests (``MAX_EXAMPLES``), once
anonymously and once as a signed-in city administrator (who sees the most data); the write
operations once more as a community's secretariat (the grants API's writes are theirs). Signed-in
calls carry the CSRF token, so writes reach validation and the services instead of all being
refused with 403; ``test_writes_got_past_csrf`` checks that they did.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api_fuzz.conftest import load_api_schema

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("ichinoseki_data")]

MAX_EXAMPLES = 25
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
)

# Signed in, schemathesis' "unexpected query parameter" cases (``?x=null``) reach list views that,
# like most APIs, ignore parameters they do not know; every other check still applies.
SIGNED_IN_CHECKS = tuple(check for check in CHECKS if check is not negative_data_rejection)
WRITES = ["POST", "PUT", "PATCH", "DELETE"]
CSRF_REFUSAL = "CSRF check Failed"

schema = load_api_schema()
write_outcomes: Counter[str] = Counter()
fuzz_settings = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def assert_one_error_format(response) -> None:
    if response.status_code < 400:
        return
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"detail", "errors"}, body
    assert isinstance(body["detail"], str) and body["detail"], body
    assert isinstance(body["errors"], list), body


@schema.parametrize()
@fuzz_settings
def test_api_anonymous(case):
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    assert_one_error_format(response)


def signed_in_unless_dropped(case, signed_in: dict) -> dict:
    """The signed-in session, unless schemathesis left the session cookie out on purpose (a negative
    case about it): then the call goes without it, as schemathesis means."""
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    return {} if getattr(data, "parameter", None) == django_settings.SESSION_COOKIE_NAME else signed_in


def record_write(case, response) -> None:
    """Count what the signed-in writes got: refused by the CSRF check, or past it (to the views)."""
    if case.method.upper() not in WRITES:
        return
    refused_by_csrf = response.status_code == 403 and CSRF_REFUSAL in response.text
    write_outcomes["csrf_refused" if refused_by_csrf else "past_csrf"] += 1


@schema.parametrize()
@fuzz_settings
def test_api_as_city_administrator(case, as_city_admin):
    response = case.call(**signed_in_unless_dropped(case, as_city_admin))
    case.validate_response(response, checks=SIGNED_IN_CHECKS)
    assert_one_error_format(response)
    record_write(case, response)


@schema.include(method=WRITES).parametrize()
@fuzz_settings
def test_api_writes_as_community_secretariat(case, as_secretariat):
    response = case.call(**signed_in_unless_dropped(case, as_secretariat))
    case.validate_response(response, checks=SIGNED_IN_CHECKS)
    assert_one_error_format(response)
    record_write(case, response)


def test_writes_got_past_csrf():
    """Runs after the fuzzing above (file order): many writes reached the views, not the CSRF check."""
    if not write_outcomes:
        pytest.skip("run with the fuzzing tests above (tests/api_fuzz)")
    # A few generated cases drop the credentials on purpose (schemathesis' negative cases); the rest
    # must reach the views.
    assert write_outcomes["past_csrf"] >= 10 * max(1, write_outcomes["csrf_refused"]), write_outcomes
