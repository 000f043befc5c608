"""Writes on accounts: create one, change its role and scope, deactivate or reactivate it, set its password.

Every change is audited by the model's signals (``audit_trail.py``) as done by ``actor``; deactivation
ends the account's sessions (``signals.py``). The ``User`` model has no ``version`` column: a page
carries the :func:`fingerprint` of the account it showed, and a write is refused with
:class:`~kyodo.locking.StaleObject` when the stored account no longer matches it.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.accounts.audit_trail import acting_as
from kyodo.accounts.models import User
from kyodo.accounts.roles import SCOPE_FIELDS, Role
from kyodo.locking import StaleObject

# What a page's hidden fingerprint covers: a change to any of these since the page was shown refuses the write.
FINGERPRINTED = ("username", "display_name", "email", "role", "branch_office_id", "department_id", "community_id",
                 "company_id", "is_staff", "is_superuser", "is_active", "password")
TEMPORARY_PASSWORD_BYTES = 12  # 16 URL-safe characters


def end_all_sessions(user: User) -> int:
    """Delete every live session of ``user``; returns how many were ended."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def fingerprint(account: User) -> str:
    """A digest of the account's watched fields, carried by a page to detect a change made meanwhile."""
    # str(), not repr(): a role set in code is a Role member, the same role read back is a plain str.
    state = "\x1f".join(f"{name}={getattr(account, name)}" for name in FINGERPRINTED)
    return hashlib.sha256(state.encode()).hexdigest()


def temporary_password() -> str:
    """A random password to hand over once; the person changes it at /accounts/password/."""
    return secrets.token_urlsafe(TEMPORARY_PASSWORD_BYTES)


def _locked(account: User, seen: str) -> User:
    """The stored account, locked for the transaction; StaleObject if it changed since ``seen``."""
    locked = User.objects.select_for_update().get(pk=account.pk)
    if not secrets.compare_digest(fingerprint(locked), seen):
        raise StaleObject
    return locked


@transaction.atomic
def create_account(*, actor: Any, username: str, display_name: str, email: str, role: str, password: str,
                   **scope: Any) -> User:
    """Create an account with a role and its scope; never a superuser or Django-admin staff."""
    account = User(username=username, display_name=display_name, email=email, role=role, is_staff=False,
                   is_superuser=False, **{name: scope.get(name) for name in SCOPE_FIELDS})
    account.set_password(password)
    with acting_as(actor):
        account.save()
    return account


@transaction.atomic
def change_role(account: User, *, actor: Any, seen: str, role: str, **scope: Any) -> User:
    """Give the account ``role`` with its scope.

    Raises StaleObject if the account changed since ``seen``, ValidationError if the administrator
    would take away their own account administration.
    """
    locked = _locked(account, seen)
    if locked.pk == actor.pk and locked.role == Role.ACCOUNT_ADMIN and role != Role.ACCOUNT_ADMIN:
        raise ValidationError(_("自分のアカウント管理の役割は外せません。別の管理者に依頼してください。"))
    locked.role = role
    for name in SCOPE_FIELDS:
        setattr(locked, name, scope.get(name))
    with acting_as(actor):
        locked.save(update_fields=["role", *SCOPE_FIELDS])
    return locked


@transaction.atomic
def set_active(account: User, *, actor: Any, seen: str, active: bool) -> User:
    """Reactivate the account, or deactivate it (which ends its sessions).

    Raises StaleObject if the account changed since ``seen``, ValidationError for one's own account.
    """
    locked = _locked(account, seen)
    if locked.pk == actor.pk and not active:
        raise ValidationError(_("自分のアカウントは停止できません。別の管理者に依頼してください。"))
    locked.is_active = active
    with acting_as(actor):
        locked.save(update_fields=["is_active"])
    return locked


@transaction.atomic
def set_password(account: User, *, actor: Any, seen: str, password: str) -> User:
    """Set a new password chosen by the administrator (a temporary one to hand over).

    Raises StaleObject if the account changed since ``seen``.
    """
    locked = _locked(account, seen)
    locked.set_password(password)
    with acting_as(actor):
        locked.save(update_fields=["password"])
    return locked
