"""URL patterns of the grants staff area (print); included by staff_urls.

The names contain "pdf": the accessibility crawl and the downloads test treat them as files.
"""

from django.urls import URLPattern, path

from kyodo.grants.printing import views as print_views

urlpatterns: list[URLPattern] = [
    path("applications/<int:pk>/print/application.pdf", print_views.application_pdf,
         name="application-print-application-pdf"),
    path("applications/<int:pk>/print/award.pdf", print_views.award_pdf, name="application-print-award-pdf"),
    path("applications/<int:pk>/print/actuals.pdf", print_views.actuals_pdf, name="application-print-actuals-pdf"),
    path("applications/<int:pk>/print/settlement.pdf", print_views.settlement_pdf,
         name="application-print-settlement-pdf"),
]
