from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kyodo.events.models import Event, EventKind, Registration


@admin.register(EventKind)
class EventKindAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "tier", "order")


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "starts_at", "status", "capacity")
    list_filter = ("status", "kind")


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("event", "status", "channel", "registered_at")
    list_filter = ("status", "channel")
    exclude = ("token",)
