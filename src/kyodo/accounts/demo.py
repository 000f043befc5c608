"""Demo data for account management: a new staff member's account waiting for its role."""

from __future__ import annotations

from django.db import transaction

from kyodo.accounts.models import User
from kyodo.demo.steps import demo_step

NEWCOMER = "newcomer"


@transaction.atomic
@demo_step(21)
def add_account_without_role() -> User:
    """One account that has never signed in and has no role yet: the account administrator's to-do."""
    user, created = User.objects.get_or_create(
        username=NEWCOMER, defaults={"display_name": "新規職員(デモ)", "role": "", "is_demo": True})
    if created:
        # No password to sign in with: the account administrator sets the role, then a temporary password.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
