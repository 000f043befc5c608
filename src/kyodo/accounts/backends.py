"""Sign-in rules beyond Django's: demo accounts only in demo mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from kyodo.accounts.admin_permissions import admin_module, admin_perm


class KyodoModelBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        """The Django admin's model permissions follow ``admin_permissions`` (accounts: the account
        administrator; city administrators: read-only where services write)."""
        if obj is None and not getattr(user_obj, "is_superuser", False):
            allowed = admin_perm(user_obj, perm)
            if allowed is not None:
                return allowed
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return admin_module(user_obj, app_label) or super().has_module_perms(user_obj, app_label)

    def get_user(self, user_id: Any) -> Any:
        user = super().get_user(user_id)
        if user is not None and getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return None
        return user
