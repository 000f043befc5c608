"""Editing a community from the staff pages, as each role."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo.audit.models import AuditEvent
from kyodo.communities.models import Community, CommunityPlan, MemberOrganization, Officer
from tests.communities.factories import ensure_goal, ensure_plan
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def profile_data(community, **overrides):
    data = {
        "version": community.version,
        "name_kana": community.name_kana,
        "description": community.description,
        "office_address": community.office_address,
        "office_phone": community.office_phone,
        "website": community.website,
    }
    data.update(overrides)
    return data


def test_own_secretary_edits_the_profile_and_the_public_sees_it(world):
    community = world.community_a
    client = world.client("community_secretariat")

    response = client.post(
        "/staff/communities/aoba/edit/",
        profile_data(community, description="毎月第2土曜に清掃活動をしています。", office_phone="0191-21-0000"),
    )

    assert response.status_code == 302
    community.refresh_from_db()
    assert community.description == "毎月第2土曜に清掃活動をしています。"
    assert community.version == 2
    assert "毎月第2土曜に清掃活動" in world.client("anonymous").get("/communities/aoba/").content.decode()
    follow = client.get(response["Location"])
    assert "地域協働体の情報を保存しました。" in follow.content.decode()


def test_the_community_cannot_change_its_name_or_status(world):
    community = world.community_a
    client = world.client("community_secretariat")

    form_html = client.get("/staff/communities/aoba/edit/").content.decode()
    client.post(
        "/staff/communities/aoba/edit/", profile_data(community, name="乗っ取り協働体", status="forming"),
    )

    assert 'name="status"' not in form_html
    community.refresh_from_db()
    assert community.name == "あおば地域協働体"
    assert community.status == Community.Status.ESTABLISHED


def test_branch_staff_change_the_status_and_it_is_audited(world):
    community = world.community_a
    client = world.client("branch_staff")

    response = client.post("/staff/communities/aoba/edit/", profile_data(
        community, name=community.name, status="forming", founded_on="",
    ))

    assert response.status_code == 302
    community.refresh_from_db()
    assert community.status == Community.Status.FORMING
    event = AuditEvent.objects.get(action="community_standing.reopen")
    assert event.object_id == str(community.pk)
    assert event.data == {"from": "established", "to": "forming", "comment": ""}
    step = community.status_transitions.get()
    assert (step.from_status, step.to_status, step.action, step.actor) == (
        "established", "forming", "reopen", world.users["branch_staff"])


def test_established_without_founding_date_is_refused(world):
    community = world.community_a
    response = world.client("city_admin").post("/staff/communities/aoba/edit/", profile_data(
        community, name=community.name, status="established", founded_on="",
    ))

    assert response.status_code == 422
    assert "設立日を入力してください" in response.content.decode()
    community.refresh_from_db()
    assert community.founded_on == dt.date(2016, 4, 1)


def test_secretary_of_another_community_gets_403_and_nothing_changes(world):
    other = world.community_b
    client = world.client("community_secretariat")

    edit = client.post("/staff/communities/midori/edit/", profile_data(other, description="書き換え"))
    add_officer = client.post("/staff/communities/midori/officers/new/", {
        "position": "chair", "name": "侵入 者", "age_band": "40s",
        "term_start": "2024-04-01", "term_end": "2026-03-31",
    })
    plan = client.post("/staff/communities/midori/plans/new/", {
        "title": "x", "start_fiscal_year": 2024, "end_fiscal_year": 2028, "vision": "x", "adopted_on": "2024-03-01",
    })

    assert (edit.status_code, add_officer.status_code, plan.status_code) == (403, 403, 403)
    other.refresh_from_db()
    assert other.description == "" and other.version == 1
    assert not other.officers.exists() and not other.plans.exists()


def test_invalid_input_gets_a_japanese_error_and_nothing_changes(world):
    community = world.community_a
    response = world.client("community_secretariat").post(
        "/staff/communities/aoba/edit/", profile_data(community, website="これはURLではない", description="変更"),
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "入力内容を確認してください。" in html
    assert "URLを正しく入力してください。" in html
    community.refresh_from_db()
    assert community.description == "" and community.version == 1


def test_a_stale_version_is_a_conflict_and_nothing_is_saved(world):
    community = world.community_a
    client = world.client("community_secretariat")
    seen = profile_data(community, description="わたしの変更")
    client.post("/staff/communities/aoba/edit/", profile_data(community, description="先に保存された変更"))

    response = client.post("/staff/communities/aoba/edit/", seen)

    assert response.status_code == 409
    assert "他の方が先に更新しました。" in response.content.decode()
    community.refresh_from_db()
    assert community.description == "先に保存された変更"
    assert community.version == 2


def test_officers_are_added_edited_and_removed(world):
    client = world.client("community_officer")
    officer_data = {
        "position": "vice_chair", "name": "試験 一郎", "age_band": "30s",
        "term_start": "2024-04-01", "term_end": "2026-03-31",
    }

    assert client.post("/staff/communities/aoba/officers/new/", officer_data).status_code == 302
    officer = Officer.objects.get(community=world.community_a, name="試験 一郎")
    response = client.post(
        f"/staff/communities/aoba/officers/{officer.pk}/edit/", {**officer_data, "age_band": "40s"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.age_band == "40s"
    assert client.post(f"/staff/communities/aoba/officers/{officer.pk}/delete/").status_code == 302
    assert not Officer.objects.filter(pk=officer.pk).exists()


def test_an_officer_term_must_end_after_it_starts(world):
    response = world.client("community_secretariat").post("/staff/communities/aoba/officers/new/", {
        "position": "chair", "name": "試験 一郎", "age_band": "60s",
        "term_start": "2026-04-01", "term_end": "2024-03-31",
    })

    assert response.status_code == 422
    assert "任期終了は任期開始より後の日付にしてください。" in response.content.decode()
    assert not Officer.objects.exists()


def test_an_officer_of_another_community_is_not_reachable_through_ours(world):
    theirs = OfficerFactory(community=world.community_b)

    response = world.client("community_secretariat").post(f"/staff/communities/aoba/officers/{theirs.pk}/delete/")

    assert response.status_code == 404
    assert Officer.objects.filter(pk=theirs.pk).exists()


def test_member_organizations_with_duplicate_names_are_refused(world):
    client = world.client("community_secretariat")

    first = client.post("/staff/communities/aoba/members/new/", {"name": "青葉自治会", "kind": "neighbourhood"})
    assert first.status_code == 302
    duplicate = client.post("/staff/communities/aoba/members/new/", {"name": "青葉自治会", "kind": "seniors"})

    assert duplicate.status_code == 422
    assert "同じ名前の構成団体がすでに登録されています。" in duplicate.content.decode()
    assert MemberOrganization.objects.filter(community=world.community_a).count() == 1


def test_own_secretary_records_a_plan_and_it_is_public(world):
    client = world.client("community_secretariat")

    response = client.post("/staff/communities/aoba/plans/new/", {
        "title": "あおば地域づくり計画", "start_fiscal_year": 2024, "end_fiscal_year": 2028,
        "vision": "子どもの声が響く青葉", "adopted_on": "2024-03-20",
    })
    plan = CommunityPlan.objects.get(community=world.community_a)
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/")
    assert AuditEvent.objects.filter(action="community_plan.adopted", object_id=str(plan.pk)).exists()

    base = f"/staff/communities/aoba/plans/{plan.pk}"
    assert client.post(f"{base}/goals/new/", {"order": 1, "title": "子育て支援", "description": ""}).status_code == 302
    goal = plan.goals.get()
    assert client.post(f"{base}/initiatives/new/", {
        "fiscal_year": 2025, "goal": goal.pk, "title": "親子ふれあい祭り", "description": "",
    }).status_code == 302
    revision = client.post(f"{base}/revisions/new/", {"revised_on": "2026-03-01", "summary": "取組を追加"})
    assert revision.status_code == 302
    assert client.post(f"{base}/edit/", {
        "version": plan.version, "title": plan.title, "start_fiscal_year": 2024, "end_fiscal_year": 2029,
        "vision": "子どもの声が響く、みんなの青葉", "adopted_on": "2024-03-20",
    }).status_code == 302

    html = world.client("anonymous").get("/communities/aoba/").content.decode()
    assert "子どもの声が響く、みんなの青葉" in html
    assert "子育て支援" in html and "親子ふれあい祭り" in html and "取組を追加" in html
    assert "令和11年度(2029年度)" in html
    assert AuditEvent.objects.filter(action="community_plan.revised").count() == 1


def test_plan_period_and_initiative_year_are_checked(world):
    plan = ensure_plan(world.community_a)  # FY2021–FY2025
    client = world.client("community_secretariat")

    bad_period = client.post(f"/staff/communities/aoba/plans/{plan.pk}/edit/", {
        "version": plan.version, "title": plan.title, "start_fiscal_year": 2025, "end_fiscal_year": 2021,
        "vision": plan.vision, "adopted_on": "2021-03-20",
    })
    bad_year = client.post(f"/staff/communities/aoba/plans/{plan.pk}/initiatives/new/", {
        "fiscal_year": 2030, "title": "範囲外", "description": "",
    })

    assert "終了年度は開始年度と同じか、それより後の年度にしてください。" in bad_period.content.decode()
    assert bad_year.status_code == 422 and "errorlist" in bad_year.content.decode()
    plan.refresh_from_db()
    assert (plan.start_fiscal_year, plan.end_fiscal_year, plan.version) == (2021, 2025, 1)
    assert not plan.initiatives.exists()


def test_a_stale_plan_edit_is_refused(world):
    plan = ensure_plan(world.community_a)
    client = world.client("community_secretariat")
    data = {
        "version": 1, "title": plan.title, "start_fiscal_year": 2021, "end_fiscal_year": 2025,
        "vision": "先の変更", "adopted_on": "2021-03-20",
    }
    client.post(f"/staff/communities/aoba/plans/{plan.pk}/edit/", data)

    response = client.post(f"/staff/communities/aoba/plans/{plan.pk}/edit/", {**data, "vision": "後の変更"})

    assert "他の方が先に更新しました。" in response.content.decode()
    plan.refresh_from_db()
    assert plan.vision == "先の変更"


def test_goals_are_edited_and_removed(world):
    goal = ensure_goal(world.community_a)
    client = world.client("branch_staff")
    base = f"/staff/communities/aoba/plans/{goal.plan_id}/goals/{goal.pk}"

    assert client.post(f"{base}/edit/", {"order": 2, "title": "見守り", "description": ""}).status_code == 302
    goal.refresh_from_db()
    assert goal.title == "見守り"
    assert client.post(f"{base}/delete/").status_code == 302
    assert not goal.plan.goals.exists()


def test_the_staff_index_lists_only_the_communities_in_scope(world):
    branch = world.client("branch_staff").get("/staff/communities/").content.decode()
    city = world.client("city_admin").get("/staff/communities/").content.decode()
    company = world.client("company_contact").get("/staff/communities/").content.decode()

    assert "あおば地域協働体" in branch and "みどり地域協働体" not in branch
    assert "あおば地域協働体" in city and "みどり地域協働体" in city
    assert "あおば地域協働体" not in company


def test_the_index_links_each_role_only_to_pages_it_may_open(world):
    advisor = world.client("advisor").get("/staff/communities/").content.decode()
    city = world.client("city_admin").get("/staff/communities/").content.decode()

    assert 'href="/communities/aoba/"' in advisor and "/staff/communities/aoba/" not in advisor
    assert 'href="/staff/communities/aoba/"' in city


@pytest.mark.parametrize("role", [
    "city_admin", "branch_staff", "liaison", "community_secretariat", "community_officer", "advisor",
    "department_staff", "company_contact",
])
def test_internally_viewable_agrees_with_the_rule(world, role):
    from kyodo.communities.queries import internally_viewable

    user = world.users[role]
    expected = {c.slug for c in (world.community_a, world.community_b)
                if user.has_perm("communities.view_community_internal", c)}

    assert set(internally_viewable(user).values_list("slug", flat=True)) == expected


def test_a_refused_form_answers_422_and_saves_nothing(world):
    """The blank form is a 200 page; the same form refused is a 422 page with its messages, and no row."""
    client = world.client("community_secretariat")
    url = "/staff/communities/aoba/officers/new/"
    assert client.get(url).status_code == 200
    events = AuditEvent.objects.count()

    response = client.post(url, {"position": "chair", "name": "", "age_band": "60s"})

    assert response.status_code == 422
    assert "errorlist" in response.content.decode()
    assert not Officer.objects.exists()
    assert AuditEvent.objects.count() == events


def test_deleting_a_goal_asks_first_and_says_its_initiatives_stay(world):
    goal = ensure_goal(world.community_a)
    url = f"/staff/communities/aoba/plans/{goal.plan_id}/goals/{goal.pk}/delete/"

    html = world.client("community_secretariat").get(url).content.decode()

    assert f"「{goal.title}」を削除します。よろしいですか。" in html
    assert "この目標の取組は削除されず、「目標なし」の取組になります。" in html
    assert goal.plan.goals.filter(pk=goal.pk).exists()
