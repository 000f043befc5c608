"""Sign-in rules beyond Django's: demo accounts only in demo mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class KyodoModelBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        """City administrators hold the model permissions the Django admin asks for."""
        if obj is None and getattr(user_obj, "is_city_admin", False):
            codename = perm.partition(".")[2]
            if codename.startswith(("view_", "add_", "change_", "delete_")):
                return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(getattr(user_obj, "is_city_admin", False)) or super().has_module_perms(user_obj, app_label)

    def get_user(self, user_id: Any) -> Any:
        user = super().get_user(user_id)
        if user is not None and getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return None
        return user
