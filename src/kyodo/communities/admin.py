"""Admin for city administrators: communities and their data with row history (変更履歴)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kyodo.communities.models import (
    BranchOffice,
    Community,
    CommunityPlan,
    District,
    DistrictFigure,
    MemberOrganization,
    Officer,
    PlanGoal,
    PlanInitiative,
    PlanRevision,
)


@admin.register(Community)
class CommunityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "district", "status", "founded_on", "is_demo_data")
    list_filter = ("status", "district__branch_office", "is_demo_data")
    search_fields = ("name", "name_kana")


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "branch_office", "citizen_center_name", "is_demo_data")
    list_filter = ("branch_office",)
    search_fields = ("name", "name_kana")


@admin.register(Officer)
class OfficerAdmin(SimpleHistoryAdmin):
    list_display = ("community", "position", "name", "age_band", "term_start", "term_end")
    list_filter = ("position", "age_band")
    search_fields = ("community__name", "name")


@admin.register(DistrictFigure)
class DistrictFigureAdmin(SimpleHistoryAdmin):
    list_display = ("district", "fiscal_year", "population", "households", "source")
    list_filter = ("fiscal_year",)


for model in (BranchOffice, MemberOrganization, CommunityPlan, PlanGoal, PlanInitiative, PlanRevision):
    admin.site.register(model, SimpleHistoryAdmin)
