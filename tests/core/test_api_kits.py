"""The API kits on their own (tests/core/api_kit_urls.py): access decorators that enforce, one
list envelope, one mapping of the services' refusals to HTTP, all in the one error format."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from kyodo.access import api_require_perm
from tests.core.api_kit_urls import TEND, api, hive_by_number
from tests.factories import BranchOfficeFactory

pytestmark = pytest.mark.django_db

URLS = override_settings(ROOT_URLCONF="tests.core.api_kit_urls")


@pytest.fixture(autouse=True)
def _kit_urls():
    with URLS:
        yield


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return body


@pytest.mark.parametrize(("path", "policy"), [
    ("/open", "public"), ("/mine", "authenticated"), ("/staff-only", "perm:grants.view_grants"),
    ("/hives/{number}", "perm:kyodo_tests.tend_hive"), ("/hives/{number}/frames", "perm:kyodo_tests.tend_hive"),
])
def test_each_decorator_declares_the_same_policies_as_the_pages(path, policy):
    operation = api._get_bound_routers()[0].path_operations[path].operations[0]
    assert str(operation.view_func.access_policy) == policy


def test_anonymous_callers_get_401_and_signed_in_ones_what_they_may(world):
    anonymous, secretary, city = (world.client(role) for role in ("anonymous", "community_secretariat", "city_admin"))
    assert anonymous.get("/kits/open").json() == {"ok": True}
    for path in ("/kits/mine", "/kits/staff-only", "/kits/hives/1"):
        assert _error(anonymous.get(path), 401)["detail"] == "サインインが必要です。"
    assert secretary.get("/kits/mine").json() == {"username": "t_secretariat"}
    assert _error(secretary.get("/kits/staff-only"), 403)["detail"] == "この操作を行う権限がありません。"
    assert city.get("/kits/staff-only").json() == {"ok": True}


def test_the_loaded_object_is_checked_and_passed_to_the_operation(world):
    secretary, city = world.client("community_secretariat"), world.client("city_admin")
    assert secretary.get("/kits/hives/2").json() == {"number": 2}
    assert _error(secretary.get("/kits/hives/9"), 404)["detail"] == "見つかりません。"
    _error(city.get("/kits/hives/2"), 403)
    added = secretary.post("/kits/hives/3/frames/7", {"size": 5}, content_type="application/json")
    assert added.json() == {"number": 3, "frame": 7, "size": 5}
    _error(secretary.post("/kits/hives/3/frames/7", {"size": "x"}, content_type="application/json"), 422)


def test_an_operation_with_no_place_for_the_object_is_refused_when_declared():
    def no_object(request):
        return {}

    with pytest.raises(TypeError, match="second parameter"):
        api_require_perm(TEND, load=hive_by_number)(no_object)


def test_the_spec_shows_the_loaders_parameters_not_the_object():
    spec = api.get_openapi_schema()["paths"]
    tend = spec["/kits/hives/{number}"]["get"]
    assert [(p["name"], p["in"]) for p in tend["parameters"]] == [("number", "path")]
    add = spec["/kits/hives/{number}/frames/{frame}"]["post"]
    assert [(p["name"], p["in"]) for p in add["parameters"]] == [("number", "path"), ("frame", "path")]
    assert add["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/FrameIn"}


def test_a_list_is_one_page_of_the_envelope(world):
    secretary = world.client("community_secretariat")
    page = secretary.get("/kits/hives/2/frames", {"limit": 3, "offset": 198}).json()
    assert page == {"count": 200, "limit": 3, "offset": 198, "items": [198, 199]}
    assert secretary.get("/kits/hives/1/frames").json()["limit"] == 50
    _error(world.client("city_admin").get("/kits/hives/2/frames"), 403)


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 1_000_001},
                                   {"offset": 10**20}, {"limit": "1e309"}, {"offset": "NaN"}])
def test_paging_out_of_bounds_is_a_422(client, query):
    assert _error(client.get("/kits/branch-offices", query), 422)["detail"] == "入力内容に誤りがあります。"


def test_a_page_is_a_count_and_one_query_however_long_the_list(client):
    BranchOfficeFactory.create_batch(60)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/kits/branch-offices", {"limit": 100, "offset": 10}).json()
    assert page["count"] == 60 and len(page["items"]) == 50
    assert len(queries.captured_queries) == 2


@pytest.mark.parametrize(("kind", "status", "detail", "errors"), [
    ("stale", 409, "他の方が先に更新しました。最新の内容を確認してから、もう一度操作してください。", []),
    ("state", 409, "「申請済み」の申請では「申請する」はできません。", []),
    ("duty", 403, "申請を作成した方は、その申請を審査できません。", []),
    ("forbidden", 403, "この操作を行う権限がありません。", []),
    ("fields", 422, "入力内容に誤りがあります。", [
        {"loc": ["body", "payload", "amount_yen"], "msg": "金額が多すぎます。"}, {"msg": "全体の問題です。"}]),
    ("problems", 422, "入力内容に誤りがあります。", [{"msg": "一つ目の問題です。"}, {"msg": "二つ目の問題です。"}]),
])
def test_each_service_refusal_has_one_status_in_the_one_format(client, kind, status, detail, errors):
    assert _error(client.post(f"/kits/refusals/{kind}"), status) == {"detail": detail, "errors": errors}
