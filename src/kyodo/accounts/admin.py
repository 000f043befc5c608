from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

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
    add_fieldsets = (
        *(UserAdmin.add_fieldsets or ()),
        (_("役割と担当範囲"), {"fields": ("display_name", "role", "branch_office", "department", "community",
                                      "company")}),
    )
