"""The city edits the list of themes in the admin (city administrators only)."""

from django.contrib import admin

from kyodo.practice.models import PracticeTheme


@admin.register(PracticeTheme)
class PracticeThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
