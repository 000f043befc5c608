"""Finding a community however the name was typed."""

from __future__ import annotations

import pytest

from kyodo.communities.models import Community
from tests.factories import BranchOfficeFactory, CommunityFactory, DistrictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communities():
    north = BranchOfficeFactory(name="北支所", slug="north")
    south = BranchOfficeFactory(name="南支所", slug="south")
    return {
        "ichinoseki": CommunityFactory(
            name="一関地域協働体", name_kana="いちのせきちいききょうどうたい", slug="ichinoseki",
            district=DistrictFactory(name="一関", branch_office=north),
        ),
        "yamanome": CommunityFactory(
            name="山目地域協働体", name_kana="やまのめちいききょうどうたい", slug="yamanome",
            district=DistrictFactory(name="山目", branch_office=north),
        ),
        "mashiba": CommunityFactory(
            name="真柴まちづくり協議会", name_kana="ましばまちづくりきょうぎかい", slug="mashiba",
            district=DistrictFactory(name="真柴", branch_office=south),
        ),
    }


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


@pytest.mark.parametrize("text", ["いちの", "イチノ", "ｲﾁﾉ", "一関", "関地域"])
def test_partial_match_folds_width_and_kana(communities, text):
    assert slugs(Community.objects.search(text)) == ["ichinoseki"]


def test_search_matches_the_district_name_and_ignores_spaces(communities):
    assert slugs(Community.objects.search("真柴")) == ["mashiba"]
    assert slugs(Community.objects.search(" まち づくり ")) == ["mashiba"]
    assert slugs(Community.objects.search("ちいききょうどうたい")) == ["ichinoseki", "yamanome"]


def test_empty_search_returns_everything(communities):
    assert Community.objects.search("  ").count() == 3


def test_the_directory_filters_by_branch_office_and_text(client, communities):
    response = client.get("/communities/", {"branch": "north"})
    assert [c.slug for c in response.context["communities"]] == ["ichinoseki", "yamanome"]

    response = client.get("/communities/", {"branch": "north", "q": "ﾔﾏﾉﾒ"})
    assert [c.slug for c in response.context["communities"]] == ["yamanome"]

    response = client.get("/communities/", {"q": "ヤマノメ", "status": "forming"})
    assert list(response.context["communities"]) == []
    assert "条件に合う地域協働体は見つかりませんでした。" in response.content.decode()


def test_renaming_a_district_updates_the_search(communities, city_admin):
    from kyodo.communities.services import update_district

    update_district(communities["mashiba"].district, actor=city_admin, name="真柴南")

    assert slugs(Community.objects.search("真柴南")) == ["mashiba"]
