"""Under production settings, cookies are Secure, HttpOnly (session) and SameSite (ASVS 3.3.1–3.3.4).

Settings are read from the environment at start-up, so this runs a small script in a
subprocess with KYODO_PRODUCTION=1 on a throwaway SQLite database: it signs in through the
real sign-in page over HTTPS and prints the Set-Cookie headers it got.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, django
django.setup()
from django.conf import settings
# No collectstatic here: serve the templates' static URLs unhashed (cookies do not depend on it).
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from kyodo.accounts.models import User
User.objects.create_user("clerk", password="ichinoseki-kyodo-2026-satoyama", role="city_admin")
# Behind the reverse proxy: HTTPS is told by X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER).
client = Client(HTTP_HOST="kyodo.example.jp", HTTP_X_FORWARDED_PROTO="https", secure=True)
login = client.get("/accounts/login/")
signed_in = client.post("/accounts/login/", {"username": "clerk", "password": "ichinoseki-kyodo-2026-satoyama"})
cookies = {}
for response in (login, signed_in):
    for name, morsel in response.cookies.items():
        cookies[name] = {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
                         "samesite": morsel["samesite"], "path": morsel["path"], "domain": morsel["domain"]}
print(json.dumps({"status": signed_in.status_code, "cookies": cookies}))
"""


def test_production_cookies_are_secure_httponly_and_samesite(tmp_path):
    env = {
        **os.environ,
        "KYODO_PRODUCTION": "1",
        "KYODO_SECRET_KEY": "production-secret-key-for-the-cookie-test-0123456789-abcdefghij",
        "KYODO_ALLOWED_HOSTS": "kyodo.example.jp",
        "KYODO_VAR_DIR": str(tmp_path),
        "KYODO_SQLITE_PATH": str(tmp_path / "cookies.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "kyodo.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    for name in ("PYTEST_VERSION", "KYODO_DEMO", "DATABASE_URL"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False, timeout=600)  # a full migrate on a loaded machine
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == 302, "the sign-in did not succeed under production settings"
    cookies = outcome["cookies"]
    assert set(cookies) >= {"__Host-sessionid", "__Host-csrftoken"}, cookies
    for name, flags in cookies.items():
        assert flags["secure"], f"{name} is not Secure"
        assert flags["samesite"] in ("Lax", "Strict"), f"{name} has no SameSite"
        # __Host- cookies must have Path=/ and no Domain, or browsers drop them.
        assert flags["path"] == "/" and not flags["domain"], f"{name}: {flags}"
    assert cookies["__Host-sessionid"]["httponly"], "the session cookie is readable from JavaScript"
