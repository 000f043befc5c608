from django.urls import path

from kyodo.support import dispatch_views, views
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
