from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kyodo.support.models import LiaisonAssignment


@admin.register(LiaisonAssignment)
class LiaisonAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("community", "staff", "started_on", "ended_on")
    list_filter = ("community__district__branch_office",)
    autocomplete_fields = ("staff",)
