"""/api/v1/communities: public data only, validated paging."""

from __future__ import annotations

import pytest

from tests.communities.factories import ensure_goal, ensure_plan
from tests.factories import CommunityFactory, DistrictFigureFactory, MemberOrganizationFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_the_list_is_paginated_and_filtered(world):
    client = world.client("anonymous")

    everything = client.get("/api/v1/communities").json()
    assert everything["count"] == 2 and everything["limit"] == 50 and everything["offset"] == 0
    assert [item["slug"] for item in everything["items"]] == ["aoba", "midori"]

    page = client.get("/api/v1/communities", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [item["slug"] for item in page["items"]] == ["midori"]

    assert [i["slug"] for i in client.get("/api/v1/communities", {"q": "ｱｵﾊﾞ"}).json()["items"]] == ["aoba"]
    assert [i["slug"] for i in client.get("/api/v1/communities", {"branch": "branch-b"}).json()["items"]] == ["midori"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "many"}])
def test_bad_paging_is_a_422_in_the_common_error_format(world, params):
    response = world.client("anonymous").get("/api/v1/communities", params)

    assert response.status_code == 422
    assert response.json()["detail"] == "入力内容に誤りがあります。"


def test_the_detail_has_officers_as_position_and_term_only(world):
    community = world.community_a
    OfficerFactory(community=community, position="chair", name="架空 太郎", age_band="70s")
    MemberOrganizationFactory(community=community, name="青葉第一自治会")
    goal = ensure_goal(community)
    ensure_plan(community).initiatives.create(fiscal_year=2023, title="防災訓練", goal=goal)

    # Even the community's own secretary gets public fields only from the API.
    response = world.client("community_secretariat").get("/api/v1/communities/aoba")

    body = response.json()
    assert response.status_code == 200
    assert body["officers"] == [
        {"position": "chair", "position_label": "会長", "term_start": "2024-04-01", "term_end": "2026-03-31"}
    ]
    assert "架空" not in response.content.decode() and "70s" not in response.content.decode()
    assert body["member_organizations"][0]["name"] == "青葉第一自治会"
    assert body["plan"]["vision"] == "みんなで支え合う住みよい地域"
    assert body["plan"]["initiatives"] == [
        {"fiscal_year": 2023, "title": "防災訓練", "description": "", "goal_order": 1}
    ]
    assert body["branch_office"] == "branch-a" and body["status"] == "established"


def test_unknown_slug_is_404(world):
    response = world.client("anonymous").get("/api/v1/communities/nowhere")

    assert response.status_code == 404
    assert response.json()["detail"] == "見つかりません。"


def test_branch_offices_and_districts_with_their_latest_figures(world):
    district = world.community_a.district
    DistrictFigureFactory(district=district, fiscal_year=2022, population=3100, households=1210)
    DistrictFigureFactory(district=district, fiscal_year=2023, population=3050, households=1205)
    client = world.client("anonymous")

    offices = client.get("/api/v1/communities/branch-offices").json()["items"]
    districts = {d["name"]: d for d in client.get("/api/v1/communities/districts").json()["items"]}

    assert [office["slug"] for office in offices] == ["branch-a", "branch-b"]
    assert districts["青葉"]["fiscal_year"] == 2023
    assert (districts["青葉"]["population"], districts["青葉"]["households"]) == (3050, 1205)
    assert districts["緑"]["population"] is None


def test_the_spec_documents_the_operations(world):
    spec = world.client("anonymous").get("/api/v1/openapi.json").json()

    assert {"/api/v1/communities", "/api/v1/communities/{slug}", "/api/v1/communities/districts",
            "/api/v1/communities/branch-offices"} <= set(spec["paths"])
    assert "name" not in spec["components"]["schemas"]["OfficerOut"]["properties"]


def test_a_community_without_plan_has_null_plan(world):
    CommunityFactory(slug="noplan")

    assert world.client("anonymous").get("/api/v1/communities/noplan").json()["plan"] is None
