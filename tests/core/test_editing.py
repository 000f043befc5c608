"""The editing kit: ServiceForm never touches its instance; the form and delete pages answer 200/422/409/302."""

from __future__ import annotations

import pytest
from django import forms

from kyodo.audit.models import AuditEvent
from kyodo.communities.models import Community, CommunityPlan
from kyodo.editing import ServiceForm
from tests.factories import CommunityPlanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.editing_urls")]

STALE = "他の方が先に更新しました。"


class StandingForm(ServiceForm):
    class Meta:
        model = Community
        fields = ["name", "description"]


class PlanTitleForm(ServiceForm):
    class Meta:
        model = CommunityPlan
        fields = ["title", "start_fiscal_year", "end_fiscal_year"]


def _loaded(community: Community) -> dict:
    return {"name": community.name, "description": community.description, "version": community.version}


# --- ServiceForm ----------------------------------------------------------------------------


def test_a_valid_form_leaves_its_instance_as_loaded(world):
    community = world.community_a
    before = _loaded(community)
    form = StandingForm({"name": "新しい名前", "description": "新しい紹介", "version": 1}, instance=community)

    assert form.is_valid(), form.errors
    assert _loaded(community) == before
    assert form.changes() == {"name": "新しい名前", "description": "新しい紹介"}


def test_a_refused_edit_leaves_its_instance_as_loaded(world):
    community = world.community_a
    before = _loaded(community)
    # The other community's name: the model's uniqueness check refuses it (run on a copy).
    form = StandingForm({"name": world.community_b.name, "description": "変更", "version": 1}, instance=community)

    assert not form.is_valid()
    assert "name" in form.errors
    assert _loaded(community) == before


def test_model_constraints_are_checked_without_touching_the_instance(world):
    plan = CommunityPlanFactory(community=world.community_a, title="地域づくり計画")
    form = PlanTitleForm({"title": "逆順", "start_fiscal_year": 2025, "end_fiscal_year": 2021, "version": 1},
                         instance=plan)

    assert not form.is_valid()
    assert "制約" in str(form.non_field_errors())  # the period-order check constraint
    assert (plan.title, plan.start_fiscal_year, plan.end_fiscal_year) == ("地域づくり計画", 2021, 2025)


def test_the_version_is_the_instances_or_its_guards(world):
    community = world.community_a
    community.version = 4
    plan = CommunityPlanFactory(community=community)

    assert StandingForm(instance=community)["version"].initial == 4
    assert "version" not in PlanTitleForm().fields  # nothing to lock before the row exists
    assert PlanTitleForm(version_of=community)["version"].initial == 4
    assert isinstance(PlanTitleForm(instance=plan).fields["version"].widget, forms.HiddenInput)


def test_changes_leave_out_the_version_and_can_keep_only_what_changed(world):
    community = world.community_a
    form = StandingForm({"name": community.name, "description": "変更", "version": 1}, instance=community)

    assert form.is_valid()
    assert form.seen_version == 1
    assert form.changes(only_changed=True) == {"description": "変更"}


def test_a_service_form_does_not_save(world):
    form = StandingForm({"name": "x", "description": "", "version": 1}, instance=world.community_a)
    assert form.is_valid()

    with pytest.raises(TypeError):
        form.save()


# --- form_view ------------------------------------------------------------------------------


def _edit(world, outcome: str, **data):
    return world.client("city_admin").post(
        f"/kit/communities/aoba/{outcome}/", {"version": 1, "description": "新しい紹介", "office_phone": "", **data}
    )


def test_a_blank_form_is_200_with_the_version_it_shows(world):
    response = world.client("city_admin").get("/kit/communities/aoba/ok/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<input type="hidden" name="version" value="1"' in html
    assert "<title>紹介の編集 |" in html


def test_a_saved_form_redirects_with_the_message(world):
    response = _edit(world, "ok")

    assert response.status_code == 302
    assert response["Location"] == "/staff/communities/aoba/"
    community = Community.objects.get(slug="aoba")
    assert (community.description, community.version) == ("新しい紹介", 2)


def test_the_message_is_shown_after_the_redirect(world):
    client = world.client("city_admin")
    response = client.post("/kit/communities/aoba/ok/", {"version": 1, "description": "x", "office_phone": ""},
                           follow=True)

    assert [str(message) for message in response.context["messages"]] == ["保存しました。"]


@pytest.mark.parametrize(("outcome", "reason"), [
    ("stale", STALE),
    ("transition", "この状態では変更できません。"),
])
def test_a_conflict_answers_409_with_the_reason_and_writes_nothing(world, outcome, reason):
    events = AuditEvent.objects.count()

    response = _edit(world, outcome)

    assert response.status_code == 409
    html = response.content.decode()
    assert reason in html and "入力内容を確認してください。" in html
    community = Community.objects.get(slug="aoba")
    assert (community.description, community.version) == ("", 1)
    assert AuditEvent.objects.count() == events


def test_a_stale_version_from_the_service_itself_is_a_409(world):
    _edit(world, "ok")

    response = _edit(world, "ok", description="古い画面から")

    assert response.status_code == 409
    assert STALE in response.content.decode()
    assert Community.objects.get(slug="aoba").description == "新しい紹介"


def test_a_service_validation_error_answers_422_next_to_its_field(world):
    response = _edit(world, "refused")

    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["description"] == ["紹介が長すぎます。"]
    assert form.non_field_errors() == ["この地域協働体は変更できません。"]
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_description_error"><li>紹介が長すぎます。</li></ul>' in html
    assert '<a href="#id_description">紹介</a>' in html  # the summary links to the field
    assert 'aria-describedby="id_description_error"' in html
    assert Community.objects.get(slug="aoba").description == ""


def test_invalid_input_answers_422_and_the_service_is_not_called(world):
    response = _edit(world, "ok", office_phone="0" * 31)

    assert response.status_code == 422
    assert "office_phone" in response.context["form"].errors
    assert Community.objects.get(slug="aoba").version == 1


def test_a_missing_version_asks_to_reload_the_page(world):
    response = world.client("city_admin").post("/kit/communities/aoba/ok/", {"description": "x", "office_phone": ""})

    assert response.status_code == 422
    assert "画面を読み込み直してから、もう一度操作してください。" in response.content.decode()
    assert Community.objects.get(slug="aoba").version == 1


# --- confirm_delete_view --------------------------------------------------------------------


def test_the_deletion_page_asks_with_the_consequence(world):
    plan = CommunityPlanFactory(community=world.community_a, title="あおば計画")

    response = world.client("city_admin").get(f"/kit/plans/{plan.pk}/delete/ok/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "「あおば計画」を削除します。よろしいですか。" in html
    assert "目標と取組も削除されます。" in html
    assert "<h1>削除の確認</h1>" in html
    assert f'name="version" value="{plan.version}"' in html


def test_a_confirmed_deletion_deletes_and_redirects_with_the_message(world):
    plan = CommunityPlanFactory(community=world.community_a, title="あおば計画")
    client = world.client("city_admin")

    response = client.post(f"/kit/plans/{plan.pk}/delete/ok/", {"version": plan.version}, follow=True)

    assert response.redirect_chain[-1][0] == "/staff/"
    assert [str(m) for m in response.context["messages"]] == ["「あおば計画」を削除しました。"]
    assert not CommunityPlan.objects.filter(pk=plan.pk).exists()


@pytest.mark.parametrize(("outcome", "version", "reason"), [
    ("ok", 99, STALE),
    ("stale", 1, STALE),
    ("transition", 1, "この状態では変更できません。"),
])
def test_a_refused_deletion_answers_409_and_deletes_nothing(world, outcome, version, reason):
    plan = CommunityPlanFactory(community=world.community_a)

    response = world.client("city_admin").post(f"/kit/plans/{plan.pk}/delete/{outcome}/", {"version": version})

    assert response.status_code == 409
    assert reason in response.content.decode()
    plan.refresh_from_db()
    assert plan.version == 1


def test_a_deletion_without_the_version_is_refused(world):
    plan = CommunityPlanFactory(community=world.community_a)

    response = world.client("city_admin").post(f"/kit/plans/{plan.pk}/delete/ok/", {})

    assert response.status_code == 422
    assert CommunityPlan.objects.filter(pk=plan.pk).exists()
