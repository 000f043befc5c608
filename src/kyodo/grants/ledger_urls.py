"""URL patterns of the grants staff area (ledger); included by staff_urls."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
