from django.urls import path

from kyodo.support import consultation_views, dispatch_views, report, report_pdf, views
from kyodo.support.dispatch_workflow import DISPATCH_WORKFLOW
from kyodo.workflows.views import action_urls

app_name = "support_staff"
urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("communities/<slug:slug>/", views.community, name="community"),
    path("communities/<slug:slug>/contacts/new/", views.contact_create, name="contact-create"),
    path("communities/<slug:slug>/contacts/<int:pk>/done/", views.follow_up_done, name="follow-up-done"),
    path("communities/<slug:slug>/liaison/new/", views.assign, name="assign"),
]
urlpatterns += [
    path("dispatch/", dispatch_views.request_list, name="dispatch-list"),
    path("dispatch/new/<slug:slug>/", dispatch_views.request_create, name="dispatch-create"),
    path("dispatch/<int:pk>/", dispatch_views.request_detail, name="dispatch-detail"),
]
urlpatterns += action_urls(DISPATCH_WORKFLOW, route="dispatch/<int:pk>/", url_prefix="dispatch-",
                           view_for=dispatch_views.ACTION_VIEWS.__getitem__)
urlpatterns += [
    path("consultations/", consultation_views.consultation_list, name="consultation-list"),
    path("consultations/new/", consultation_views.consultation_create, name="consultation-create"),
    path("consultations/<int:pk>/note/", consultation_views.city_note, name="consultation-note"),
    path("consultations/<int:pk>/edit/", consultation_views.consultation_edit, name="consultation-edit"),
    path("consultations/<int:pk>/follow-up-done/", consultation_views.consultation_follow_up_done,
         name="consultation-follow-up-done"),
    path("consultations/topics/", consultation_views.topic_list, name="topic-list"),
    path("consultations/topics/new/", consultation_views.topic_edit, name="topic-create"),
    path("consultations/topics/<int:pk>/", consultation_views.topic_edit, name="topic-edit"),
]
urlpatterns += [
    path("consultations/report/", report.report_page, name="consultation-report"),
    path("consultations/report/export/", report.report_export, name="consultation-report-export"),
    path("consultations/report/pdf/", report_pdf.report_pdf, name="consultation-report-pdf"),
]
