"""schemathesis against /api/v1/openapi.json: no 5xx, responses as documented, one error format.

Every operation gets a bounded number of generated requests (``MAX_EXAMPLES``), once
anonymously and once as a signed-in city administrator (who sees the most data).
"""

from __future__ import annotations

import pytest
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

schema = load_api_schema()
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


@schema.parametrize()
@fuzz_settings
def test_api_as_city_administrator(case, city_admin_cookie):
    response = case.call(headers={"Cookie": city_admin_cookie})
    case.validate_response(response, checks=CHECKS)
    assert_one_error_format(response)
