"""The Django admin, the system administrator's fallback (superusers only), signing in through kyodo's own page."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from kyodo.access import AccessPolicy


class KyodoAdminSite(AdminSite):
    site_header = "kyodo 管理"
    site_title = "kyodo 管理"
    index_title = "データの管理"
    access_policy = AccessPolicy("perm", "superuser")

    def has_permission(self, request: HttpRequest) -> bool:
        from kyodo.accounts.admin_permissions import may_use_admin

        return may_use_admin(request.user)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not self.has_permission(request):
                if request.user.is_authenticated:
                    raise PermissionDenied
                return redirect_to_login(request.get_full_path())
            return inner(request, *args, **kwargs)

        return guarded
