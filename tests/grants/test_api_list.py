"""The applications list in the API: signed-in only, scoped like the staff queue."""

from tests.grants.factories import make_application


def test_anonymous_callers_get_401_in_the_error_format(client, world):
    response = client.get("/api/v1/grants/applications")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_each_role_sees_only_its_applications(world):
    own = make_application(world.community_a)
    make_application(world.community_b)
    assert [a["id"] for a in world.client("community_secretariat").get("/api/v1/grants/applications").json()] == [
        own.pk
    ]
    assert len(world.client("city_admin").get("/api/v1/grants/applications").json()) == 2
    assert world.client("advisor").get("/api/v1/grants/applications").json() == []


def test_limit_is_validated(world):
    response = world.client("city_admin").get("/api/v1/grants/applications?limit=0")
    assert response.status_code == 422
