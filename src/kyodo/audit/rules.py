"""Who may read the audit log and the change history, and who may start a verification."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.rules import is_city_admin
from kyodo.audit.history import HistoryTarget, may_view_history


@rules.predicate
def is_account_admin(user: Any) -> bool:
    """情報システム担当: accounts and roles (superusers too)."""
    return bool(getattr(user, "is_account_admin", False))


@rules.predicate
def may_see_history(user: Any, target: HistoryTarget | None) -> bool:
    """The history registry lets ``user`` see this model's history."""
    return target is not None and may_view_history(user, target.label)


# The list is scoped in SQL: city administrators read every event, account administrators the account events.
rules.add_perm("audit.view_audit_log", is_city_admin | is_account_admin)
rules.add_perm("audit.verify_audit_log", is_city_admin)
rules.add_perm("audit.view_history", may_see_history)
