"""Admin for city administrators: every plan object with its row history (変更履歴)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kyodo.plans.models import BasicIdea, Department, Measure, MeasureSchedule, PlanAssessment, Policy, PromotionPlan


class PolicyInline(admin.TabularInline):
    model = Policy
    extra = 0


class MeasureScheduleInline(admin.TabularInline):
    model = MeasureSchedule
    extra = 0


@admin.register(PromotionPlan)
class PromotionPlanAdmin(SimpleHistoryAdmin):
    list_display = ("number", "title", "start_fiscal_year", "end_fiscal_year", "is_current")
    inlines = [PolicyInline]


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("number", "title", "policy", "department")
    list_filter = ("policy__plan", "department")
    search_fields = ("title", "content")
    inlines = [MeasureScheduleInline]


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "division", "order")
    search_fields = ("name",)


for model in (Policy, MeasureSchedule, BasicIdea, PlanAssessment):
    admin.site.register(model, SimpleHistoryAdmin)
