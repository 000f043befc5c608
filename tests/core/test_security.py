"""Security headers and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached(world):
    response = world.client("city_admin").get("/staff/")
    assert response["Cache-Control"] == "no-store"


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "KYODO_PRODUCTION": "1",
        "KYODO_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-0123456789",
        "KYODO_ALLOWED_HOSTS": "kyodo.example.jp",
        "KYODO_VAR_DIR": str(tmp_path),
    }
    env.pop("PYTEST_VERSION", None)
    env.pop("KYODO_DEMO", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their live server
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "KYODO_PRODUCTION": "1", "KYODO_VAR_DIR": str(tmp_path)}
    env.pop("KYODO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "KYODO_SECRET_KEY" in result.stderr
