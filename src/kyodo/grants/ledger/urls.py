"""URL patterns of the grants staff area (ledger); included by staff_urls."""

from django.urls import URLPattern, path

import kyodo.fiscal_years  # noqa: F401  (registers the <fy:…> converter)
from kyodo.grants.ledger import views as ledger_views

urlpatterns: list[URLPattern] = [
    path("<slug:program>/<fy:fiscal_year>/ledger/", ledger_views.ledger_page, name="ledger"),
    path("<slug:program>/<fy:fiscal_year>/ledger/export/", ledger_views.ledger_export, name="ledger-export"),
    path("community/<slug:slug>/history/", ledger_views.community_history, name="community-history"),
]
