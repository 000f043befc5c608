"""The public directory and community page: what residents see, and what only staff see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kyodo.communities.models import Community
from tests.communities.factories import ensure_plan
from tests.factories import (
    CommunityFactory,
    DistrictFactory,
    MemberOrganizationFactory,
    OfficerFactory,
    PlanGoalFactory,
    PlanInitiativeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def aoba(world):
    community = world.community_a
    community.description = "青葉地区の円卓会議です。"
    community.is_demo_data = True
    community.save()
    OfficerFactory(community=community, position="chair", name="架空 太郎", age_band="70s")
    OfficerFactory(community=community, position="treasurer", name="見本 花子", age_band="60s")
    MemberOrganizationFactory(community=community, name="青葉第一自治会")
    plan = ensure_plan(community)
    goal = PlanGoalFactory(plan=plan, order=1, title="安全・安心な地域づくり")
    PlanInitiativeFactory(plan=plan, goal=goal, fiscal_year=2023, title="防災訓練")
    plan.revisions.create(revised_on=dt.date(2023, 3, 1), summary="中間見直し")
    return community


def test_the_directory_lists_communities_with_status_and_branch(world):
    response = world.client("anonymous").get("/communities/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "あおば地域協働体" in html and "みどり地域協働体" in html
    assert "A支所" in html
    assert "badge--established" in html
    assert '<form class="filters" method="get"' in html  # works without JavaScript


def test_htmx_gets_only_the_results(world):
    response = world.client("anonymous").get("/communities/", {"q": "あおば"}, headers={"HX-Request": "true"})
    html = response.content.decode()

    assert '<div id="results"' in html
    assert "<html" not in html
    assert "あおば地域協働体" in html and "みどり地域協働体" not in html


def test_the_directory_pages_by_50(db):
    district = DistrictFactory()
    for number in range(51):
        CommunityFactory(name=f"協働体{number:02}", district=district)

    first = Client().get("/communities/")
    second = Client().get("/communities/", {"page": 2})

    assert len(first.context["communities"]) == 50
    assert len(second.context["communities"]) == 1
    assert 'rel="next"' in first.content.decode()


def test_anonymous_visitors_see_positions_and_terms_but_no_names_or_ages(world, aoba):
    response = world.client("anonymous").get("/communities/aoba/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "会長" in html and "会計" in html
    assert "令和6年" in html  # term start 2024-04-01 in 和暦
    assert "架空 太郎" not in html and "見本 花子" not in html
    assert "70代" not in html and "役員の年代" not in html
    assert "青葉第一自治会" in html
    assert "みんなで支え合う住みよい地域" in html  # vision
    assert "防災訓練" in html and "中間見直し" in html
    assert "デモデータ" in html


@pytest.mark.parametrize("role", ["community_secretariat", "city_admin", "branch_staff", "liaison"])
def test_staff_and_the_own_community_see_names_and_the_age_summary(world, aoba, role):
    html = world.client(role).get("/communities/aoba/").content.decode()

    assert "架空 太郎" in html and "見本 花子" in html
    assert "70代" in html
    assert "役員の年代" in html and "職員・団体のみ" in html
    assert "60歳以上は2人" in html


@pytest.mark.parametrize("role", ["community_secretariat", "department_staff", "advisor", "company_contact"])
def test_other_signed_in_users_do_not_see_names_of_another_community(world, role):
    OfficerFactory(community=world.community_b, name="別所 次郎")

    html = world.client(role).get("/communities/midori/").content.decode()

    assert "別所 次郎" not in html


def test_unknown_community_is_404(world):
    assert world.client("anonymous").get("/communities/no-such-place/").status_code == 404
    assert world.client("city_admin").get("/staff/communities/no-such-place/").status_code == 404


def test_forming_community_has_its_badge(world):
    CommunityFactory(name="準備会テスト", slug="junbi", status=Community.Status.FORMING, founded_on=None)

    html = world.client("anonymous").get("/communities/junbi/").content.decode()

    assert "badge--forming" in html and "設立準備中" in html
