"""Who may use each account page: the account administrator (情報システム担当) and superusers only, neither of
which the matrix's business roles is, so every one of them is refused (403) and anonymous callers sign in.
tests/accounts/test_staff_pages.py shows the account administrator gets each page. Every signed-in user
changes their own password."""

from __future__ import annotations

from tests.access import SIGNED_IN, Case

NOBODY: frozenset[str] = frozenset()
POLICY = "perm:accounts.manage_accounts"
CHANGE = "perm:accounts.change_account"


def _liaison(world, which):
    return {"pk": world.users["liaison"].pk}


def _seen(world, which):
    return {"seen": "0" * 64}


def _action(name: str) -> Case:
    return Case(f"accounts_staff:account-{name}", own=NOBODY, kwargs=_liaison, method="post", data=_seen,
                policy=CHANGE)


CASES = [
    Case("accounts:password", own=SIGNED_IN, policy="authenticated"),
    Case("accounts_staff:index", own=NOBODY, policy=POLICY),
    Case("accounts_staff:account-create", own=NOBODY, method="post", data=lambda world, which: {"username": "x"},
         policy=POLICY),
    Case("accounts_staff:account", own=NOBODY, kwargs=_liaison, policy="perm:accounts.view_account"),
    _action("role"),
    _action("deactivate"),
    _action("reactivate"),
    _action("password"),
]
