"""The applications list in the API: signed-in only, scoped like the staff queue, in the list envelope."""

import pytest

from kyodo.grants.models import Application
from tests.grants.factories import make_application


def test_anonymous_callers_get_401_in_the_error_format(client, world):
    response = client.get("/api/v1/grants/applications")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def _items(world, role, query=""):
    return world.client(role).get(f"/api/v1/grants/applications{query}").json()["items"]


def test_each_role_sees_only_its_applications(world):
    own = make_application(world.community_a)
    make_application(world.community_b)
    assert [a["id"] for a in _items(world, "community_secretariat")] == [own.pk]
    assert len(_items(world, "city_admin")) == 2
    assert _items(world, "advisor") == []


def test_the_list_is_one_page_of_the_envelope(world):
    first = make_application(world.community_a)
    second = make_application(world.community_b)
    page = world.client("city_admin").get("/api/v1/grants/applications?limit=1&offset=1").json()
    assert (page["count"], page["limit"], page["offset"]) == (2, 1, 1)
    assert [a["id"] for a in page["items"]] == [a["id"] for a in _items(world, "city_admin")][1:]
    assert {first.pk, second.pk} == {a["id"] for a in _items(world, "city_admin")}


@pytest.mark.parametrize("query", ["?limit=0", "?limit=101", "?offset=-1", "?offset=1000001",
                                   f"?offset={10**20}", "?limit=x"])
def test_paging_is_validated(world, query):
    response = world.client("city_admin").get(f"/api/v1/grants/applications{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == "入力内容に誤りがあります。"


def test_the_list_queries_do_not_grow_with_the_number_of_applications(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CommunityFactory

    client = world.client("city_admin")
    counts = []
    for size in (2, 14):
        while Application.objects.count() < size:
            make_application(CommunityFactory())
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/grants/applications").json()["count"] == size
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
