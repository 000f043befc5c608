"""Pages built on the editing kit for its tests (tests/core/test_editing.py), beside the site's own URLs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from kyodo.communities import services
from kyodo.communities.models import Community, CommunityPlan
from kyodo.editing import ServiceForm, confirm_delete_view, form_data, form_view
from kyodo.locking import StaleObject, claim_version
from kyodo.urls import urlpatterns as site_urlpatterns
from kyodo.workflows import InvalidTransition

# What the service raises after it has written: the kit must undo the write.
REFUSALS: dict[str, Exception] = {
    "stale": StaleObject(),
    "transition": InvalidTransition("この状態では変更できません。"),
    "refused": ValidationError(
        {"description": "紹介が長すぎます。", "not_in_form": "この地域協働体は変更できません。"}
    ),
}


class ProfileForm(ServiceForm):
    class Meta:
        model = Community
        fields = ["description", "office_phone"]


def profile_edit(request: HttpRequest, slug: str, outcome: str) -> HttpResponse:
    community = get_object_or_404(Community, slug=slug)
    form = ProfileForm(form_data(request), instance=community)

    def save(form: ProfileForm) -> Community:
        fresh = Community.objects.get(pk=community.pk)
        saved = services.update_community(fresh, actor=request.user, version=form.seen_version, **form.changes())
        if outcome in REFUSALS:
            raise REFUSALS[outcome]
        return saved

    return form_view(
        request, form, save, success_url=lambda saved: f"/staff/communities/{saved.slug}/",
        success_message="保存しました。", title="紹介の編集", crumbs=[("作業画面", "/staff/"), ("紹介の編集", None)],
        cancel_url="/staff/",
    )


def plan_delete(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    plan = get_object_or_404(CommunityPlan, pk=pk)

    def delete(version: int) -> None:
        claim_version(plan, version)
        plan.delete()
        if outcome in REFUSALS:
            raise REFUSALS[outcome]

    return confirm_delete_view(
        request, delete, label=plan.title, success_url="/staff/", crumbs=[("作業画面", "/staff/")],
        consequence="目標と取組も削除されます。", version=plan.version,
    )


urlpatterns = [
    *site_urlpatterns,
    path("kit/communities/<slug:slug>/<str:outcome>/", profile_edit),
    path("kit/plans/<int:pk>/delete/<str:outcome>/", plan_delete),
]
