"""The API takes JSON bodies: a form-encoded write is a 415 in the one error format, not a 500."""

from __future__ import annotations

from django.test import Client
from django.test.client import MULTIPART_CONTENT


def test_a_multipart_write_is_415_not_500(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["community_secretariat"])
    token = "a" * 32
    client.cookies["csrftoken"] = token
    response = client.post(
        "/api/v1/grants/applications/1/submit", {"version": "1"}, content_type=MULTIPART_CONTENT,
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 415
    assert set(response.json()) == {"detail", "errors"}


def test_a_multipart_write_without_a_boundary_is_415_not_500(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["community_secretariat"])
    token = "b" * 32
    client.cookies["csrftoken"] = token
    response = client.post(
        "/api/v1/grants/applications/1/submit", '{"version": 1}', content_type="multipart/form-data",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 415
