"""/staff/audit/: the audit log, one event, and the chain's verification."""

from django.urls import path

from kyodo.audit import staff_views

app_name = "audit_staff"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("<int:sequence>/", staff_views.event_detail, name="event"),
    path("verification/", staff_views.verification_status, name="verification"),
    path("verification/run/", staff_views.verify, name="verify"),
]
