"""Every account and role change is an event in the hash-chained audit log: an account created, a
role granted or removed (with its scope), administrator rights changed, an account deactivated or
reactivated, a password set by an administrator.

Recorded from the model's signals, so no path (the admin, a management command, a service) can
skip it; who did it comes from :func:`acting_as` (the admin sets it for its views), else "system".
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import translation

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.audit.services import record_event

WATCHED = ("role", "branch_office_id", "department_id", "community_id", "company_id", "is_staff", "is_superuser",
           "is_active", "password")
_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("kyodo_account_actor", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Account changes inside the block are recorded as done by ``user``."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def _role_label(role: str) -> str:
    """The role's Japanese name, as the stored summary says it (the code when unknown)."""
    with translation.override("ja"):
        return str(Role(role).label) if role in Role.values else role


def _state(user: User) -> dict[str, Any]:
    return {name: getattr(user, name) for name in WATCHED}


@receiver(pre_save, sender=User, dispatch_uid="kyodo.accounts.audit_before")
def remember_before(sender: Any, instance: User, raw: bool = False, **kwargs: Any) -> None:
    before = None if raw or instance.pk is None else User.objects.filter(pk=instance.pk).first()
    instance._audit_before = _state(before) if before is not None else None  # type: ignore[attr-defined]


def _scope(state: dict[str, Any]) -> dict[str, Any]:
    return {name: state[name] for name in ("branch_office_id", "department_id", "community_id", "company_id")
            if state[name] is not None}


@receiver(post_save, sender=User, dispatch_uid="kyodo.accounts.audit_after")
def record_account_change(sender: Any, instance: User, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    actor = _actor.get()
    after = _state(instance)
    before = getattr(instance, "_audit_before", None)
    label = instance.username
    if created or before is None:
        record_event("account.created", actor=actor, target=instance, summary=f"アカウント{label}を作成",
                     data={"username": label, "role": after["role"], "scope": _scope(after),
                           "is_staff": after["is_staff"], "is_superuser": after["is_superuser"]})
        return
    if (before["role"], _scope(before)) != (after["role"], _scope(after)):
        if before["role"]:
            record_event("account.role_removed", actor=actor, target=instance,
                         summary=f"{label}の役割「{_role_label(before['role'])}」を解除",
                         data={"username": label, "role": before["role"], "scope": _scope(before)})
        if after["role"]:
            record_event("account.role_granted", actor=actor, target=instance,
                         summary=f"{label}に役割「{_role_label(after['role'])}」を付与",
                         data={"username": label, "role": after["role"], "scope": _scope(after)})
    for flag in ("is_staff", "is_superuser"):
        if before[flag] != after[flag]:
            record_event("account.rights_changed", actor=actor, target=instance, summary=f"{label}の{flag}を変更",
                         data={"username": label, "field": flag, "from": before[flag], "to": after[flag]})
    if before["is_active"] != after["is_active"]:
        action = "account.reactivated" if after["is_active"] else "account.deactivated"
        verb = "再開" if after["is_active"] else "停止"
        record_event(action, actor=actor, target=instance, summary=f"{label}を{verb}", data={"username": label})
    by_another = actor is not None and getattr(actor, "pk", None) != instance.pk
    if before["password"] != after["password"] and by_another:
        record_event("account.password_reset", actor=actor, target=instance,
                     summary=f"管理者が{label}のパスワードを再設定", data={"username": label})
