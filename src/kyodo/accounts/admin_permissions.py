"""Who may do what in the Django admin (the model permissions it asks for).

- The account administrator (情報システム担当) alone creates accounts and changes roles: every
  permission on the accounts, groups and sign-in lockout models, and nothing else.
- City administrators (a business role) may look at everything, but change nothing whose writes
  have services (grants, communities, plans, dialogue, support, the audit log, accounts): in the admin a save would
  skip the status, the version and the audit event. What is left (e.g. companies) stays editable.
"""

from __future__ import annotations

from typing import Any

ACCOUNT_APPS = frozenset({"accounts", "auth", "axes"})
SERVICE_WRITTEN_APPS = frozenset(
    {"grants", "communities", "plans", "dialogue", "support", "audit", "accounts", "auth", "axes"}
)
VERBS = ("view_", "add_", "change_", "delete_")


def admin_perm(user: Any, perm: str) -> bool | None:
    """True or False for an admin model permission ``app.verb_model``; None when not one."""
    app_label, _dot, codename = perm.partition(".")
    if not codename.startswith(VERBS):
        return None
    if getattr(user, "is_account_admin", False) and app_label in ACCOUNT_APPS:
        return True
    if getattr(user, "is_city_admin", False):
        return codename.startswith("view_") or app_label not in SERVICE_WRITTEN_APPS
    return None


def admin_module(user: Any, app_label: str) -> bool:
    """Whether the admin index shows ``app_label`` to ``user``."""
    if getattr(user, "is_account_admin", False) and app_label in ACCOUNT_APPS:
        return True
    return bool(getattr(user, "is_city_admin", False))


def may_use_admin(user: Any) -> bool:
    """The admin is the system administrator's fallback: every list it edits has a kyodo page (accounts at
    /staff/accounts/, the audit log at /staff/audit/, history at /staff/history/), so only superusers enter."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))
