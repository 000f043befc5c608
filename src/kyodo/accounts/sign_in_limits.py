"""Sign-in limits beyond django-axes' own: an hourly budget per account, and the owner's devices.

Two promises pull against each other: an outsider may make no more than ``KYODO_SIGN_IN_HOURLY_LIMIT``
(10) wrong guesses at one account in any hour, from all addresses together, and an outsider must
never keep the owner out for more than 15 minutes. A lock that outlives 15 minutes keeps the owner
out; a lock that ends after 15 minutes gives the outsider a fresh 10 guesses (about 40 an hour).

Both hold because the owner has something the outsider has not: a *device cookie* (the OWASP
"device cookies" pattern), a signed cookie set in a browser where the account signed in correctly.

- From a browser without the account's device cookie, the 15-minute lock after 10 failures stays,
  and once the account has had 10 failures in the last hour every further sign-in is refused (429,
  the password is not checked) until the oldest of them is an hour old.
- From a browser with the account's device cookie the per-account limits do not apply: whatever
  outsiders do elsewhere, the owner signs in. The device has its own budget (10 failures an hour),
  and the per-address limit still applies.

An account administrator can lift both limits at once (``kyodo axes_reset_username <name>``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

DEVICE_COOKIE = "kyodo_device"
DEVICE_COOKIE_MAX_AGE = 180 * 24 * 60 * 60
_SALT = "kyodo.accounts.sign_in_limits.device"
_HOUR = dt.timedelta(hours=1)


def hourly_limit() -> int:
    return int(getattr(settings, "KYODO_SIGN_IN_HOURLY_LIMIT", 10))


def set_device_cookie(response: HttpResponse, username: str) -> None:
    """Mark this browser as one where ``username`` signed in correctly."""
    value = signing.dumps({"u": username.casefold(), "d": secrets.token_urlsafe(12)}, salt=_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _device_key(request: HttpRequest, username: str | None) -> str | None:
    """The cache key of the request's device for ``username``, or None without a valid cookie."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value or not username:
        return None
    try:
        data = signing.loads(value, salt=_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != username.casefold():
        return None
    return f"kyodo-sign-in-device:{data.get('d')}"


def trusted_device(request: HttpRequest, credentials: dict[str, Any] | None) -> bool:
    """Whether the request comes from the account's own browser that has failures left this hour."""
    key = _device_key(request, get_client_username(request, credentials))
    return key is not None and int(cache.get(key, 0)) < hourly_limit()


def hourly_failures(username: str | None) -> int:
    """Guesses at the account in the last hour (refusals during a lock are not guesses)."""
    if not username:
        return 0
    return AccessFailureLog.objects.filter(username=username, attempt_time__gte=timezone.now() - _HOUR).count()


class KyodoAxesHandler(AxesDatabaseHandler):
    """django-axes' database handler with the hourly budget and the device cookie."""

    def filter_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> list[Any]:
        # ``request`` carries django-axes' ``axes_*`` attributes (set by its middleware).
        username = get_client_username(request, credentials)
        parameters = get_client_parameters(
            username, request.axes_ip_address, request.axes_user_agent, request, credentials
        )
        if trusted_device(request, credentials):
            # The owner's own browser: only the per-address attempts count.
            parameters = [item for item in parameters if "username" not in item] or [{"pk__in": []}]
        return [AccessAttempt.objects.filter(**item) for item in parameters]

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if trusted_device(request, credentials):
            return failures
        limit = get_failure_limit(request, credentials)
        if hourly_failures(get_client_username(request, credentials)) >= hourly_limit():
            return max(failures, limit)
        return failures

    def user_login_failed(self, sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
        if request is not None and not getattr(request, "axes_locked_out", False):
            key = _device_key(request, get_client_username(request, credentials))
            if key is not None:
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, timeout=int(_HOUR.total_seconds()))
        super().user_login_failed(sender, credentials, request, **kwargs)

    def reset_attempts(
        self, *, ip_address: str | None = None, username: str | None = None, ip_or_username: bool = False
    ) -> int:
        if username:
            AccessFailureLog.objects.filter(username=username).delete()
        return super().reset_attempts(ip_address=ip_address, username=username, ip_or_username=ip_or_username)
