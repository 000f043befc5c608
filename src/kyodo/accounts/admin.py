from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kyodo.accounts.audit_trail import acting_as
from kyodo.accounts.models import User


@admin.register(User)
class KyodoUserAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ("username", "display_name", "role", "branch_office", "community", "is_active", "is_demo")
    list_filter = ("role", "is_active", "is_demo", "branch_office")
    search_fields = ("username", "display_name", "email")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("役割と担当範囲"), {"fields": ("display_name", "role", "branch_office", "department", "community",
                                      "company", "is_demo")}),
    )
    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting_as(request.user):  # account, role and rights changes are audited as this user's
            return super().changeform_view(request, *args, **kwargs)

    def user_change_password(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting_as(request.user):
            return super().user_change_password(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with acting_as(request.user):
            return super().delete_view(request, *args, **kwargs)

    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        (_("役割と担当範囲"), {"fields": ("display_name", "role", "branch_office", "department", "community",
                                      "company")}),
    )
