from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from kyodo.companies.models import Company


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "is_demo_data")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
