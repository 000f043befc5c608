from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kyodo.dialogue.models import Opinion, OpinionCategory


@admin.register(OpinionCategory)
class OpinionCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]


@admin.register(Opinion)
class OpinionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "district", "community", "due_on", "outcome"]
    list_filter = ["status", "outcome", "fiscal_year"]
    readonly_fields = ["status", "version"]
