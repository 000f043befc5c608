"""Predicates about who a user is. Scope predicates live in each app's rules.py."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.roles import Role


def _role(user: Any) -> str:
    return getattr(user, "role", "") if getattr(user, "is_active", False) else ""


@rules.predicate
def is_city_admin(user: Any) -> bool:
    """City coordination division (まちづくり推進課): administers everything."""
    return bool(getattr(user, "is_city_admin", False))


@rules.predicate
def is_city_staff(user: Any) -> bool:
    """Any city employee: coordination, branch, liaison or department staff."""
    return bool(getattr(user, "is_city_staff", False))


@rules.predicate
def is_branch_staff(user: Any) -> bool:
    return _role(user) == Role.BRANCH_STAFF


@rules.predicate
def is_department_staff(user: Any) -> bool:
    return _role(user) == Role.DEPARTMENT_STAFF


@rules.predicate
def is_advisor(user: Any) -> bool:
    return _role(user) == Role.ADVISOR


@rules.predicate
def is_company_contact(user: Any) -> bool:
    return _role(user) == Role.COMPANY_CONTACT


@rules.predicate
def is_community_member(user: Any) -> bool:
    """Secretariat or officer of some community body."""
    return bool(getattr(user, "is_community_member", False))


@rules.predicate
def has_role(user: Any) -> bool:
    """Signed in with any kyodo role (the staff work area)."""
    return bool(_role(user)) or bool(getattr(user, "is_superuser", False))


rules.add_perm("accounts.use_workspace", has_role)


@rules.predicate
def is_account_admin(user: Any) -> bool:
    """情報システム担当 (or a superuser): creates accounts and grants roles."""
    return bool(getattr(user, "is_account_admin", False))


@rules.predicate
def may_edit_account(user: Any, account: Any) -> bool:
    """A superuser's account is changed by superusers only (the system administrator)."""
    return account is not None and (not account.is_superuser or bool(getattr(user, "is_superuser", False)))


rules.add_perm("accounts.manage_accounts", is_account_admin)
rules.add_perm("accounts.view_account", is_account_admin)
rules.add_perm("accounts.change_account", is_account_admin & may_edit_account)
