"""URL patterns of the grants staff area (attachment); included by staff_urls."""

from django.urls import URLPattern, path

from kyodo.grants.attachments import views as attachment_views

urlpatterns: list[URLPattern] = [
    path("applications/<int:pk>/attachments/new/", attachment_views.attachment_add, name="attachment-add"),
    path("applications/<int:pk>/attachments/<int:attachment_pk>/", attachment_views.attachment_download,
         name="attachment-download"),
    path("applications/<int:pk>/attachments/<int:attachment_pk>/delete/", attachment_views.attachment_delete,
         name="attachment-delete"),
]
