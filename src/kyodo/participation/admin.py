from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kyodo.participation.models import Opportunity, Signup


@admin.register(Opportunity)
class OpportunityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "community", "starts_at", "status", "capacity")
    list_filter = ("status",)


@admin.register(Signup)
class SignupAdmin(SimpleHistoryAdmin):
    list_display = ("opportunity", "status", "signed_up_at")
    list_filter = ("status",)
    exclude = ("token",)
