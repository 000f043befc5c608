"""Root URLs. Paths are stable: people bookmark them and other systems link to them."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from kyodo.access import AccessPolicy, declare
from kyodo.api import api

urlpatterns = [
    path("", include("kyodo.portal.urls")),
    path("plans/", include("kyodo.plans.urls")),
    path("communities/", include("kyodo.communities.urls")),
    path("staff/", include("kyodo.staff.urls")),
    path("staff/plans/", include("kyodo.plans.staff_urls")),
    path("staff/communities/", include("kyodo.communities.staff_urls")),
    path("grants/", include("kyodo.grants.urls")),
    path("staff/grants/", include("kyodo.grants.staff_urls")),
    path("opinions/", include("kyodo.dialogue.urls")),
    path("staff/dialogue/", include("kyodo.dialogue.staff_urls")),
    path("meetings/", include("kyodo.dialogue.meeting_urls")),
    path("staff/support/", include("kyodo.support.staff_urls")),
    path("events/", include("kyodo.events.urls")),
    path("staff/events/", include("kyodo.events.staff_urls")),
    path("opportunities/", include("kyodo.participation.urls")),
    path("staff/participation/", include("kyodo.participation.staff_urls")),
    path("practice/", include("kyodo.practice.urls")),
    path("staff/practice/", include("kyodo.practice.staff_urls")),
    path("companies/", include("kyodo.companies.urls")),
    path("staff/companies/", include("kyodo.companies.staff_urls")),
    path("accounts/", include("kyodo.accounts.urls")),
    path("staff/accounts/", include("kyodo.accounts.staff_urls")),
    path("staff/audit/", include("kyodo.audit.staff_urls")),
    path("staff/history/", include("kyodo.audit.history_urls")),
    path("i18n/setlang/", declare(set_language, AccessPolicy("public")), name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "kyodo.portal.views.bad_request"
handler403 = "kyodo.portal.views.permission_denied"
handler404 = "kyodo.portal.views.page_not_found"
handler500 = "kyodo.portal.views.server_error"
