"""Random sort, filter and paging parameters on every list page and API list: never a 5xx.

Django CVE-2021-35042 and CVE-2024-42005 were both "user input reached order_by()/values()";
this sends what an attacker would: unknown keys, lookups through relations, SQL fragments,
huge and negative numbers, odd Unicode.
"""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyodo.api import api
from kyodo.communities.loading import load_communities
from kyodo.grants.programs.loading import load_grant_programs
from kyodo.plans.loading import load_promotion_plans
from tests.quality.html_forms import parse_page

EXAMPLES_PER_PAGE = 45
SORT_KEYS = ["ordering", "order", "order_by", "sort", "o", "page", "limit", "offset", "q", "status", "branch",
             "fiscal_year", "year", "district", "per_page", "format"]
HOSTILE_VALUES = [
    "-id", "name", "-name", "?", "password", "user__password", "district__branch_office__name", "pk);--",
    "1 OR 1=1", "' OR ''='", "1;DROP TABLE accounts_user", "../../etc/passwd", "%00", "\x00", "-1", "0",
    "99999999999999999999999", "1e309", "NaN", "__proto__", "name.desc", "RAND()", "(SELECT 1)", "山目",
    "ｙａｍａｎｏｍｅ", "<script>", "a" * 5000,
]

values = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40), st.integers().map(str))
keys = st.one_of(st.sampled_from(SORT_KEYS), st.text(min_size=1, max_size=20))
parameters = st.dictionaries(keys, values, max_size=5)


def api_list_paths() -> list[tuple[str, str]]:
    """(role, path) of every API list: anonymous for public ones, a city administrator for the rest."""
    spec = api.get_openapi_schema()
    return sorted(
        ("city_admin" if item["get"].get("security") else "anonymous", path)
        for path, item in spec["paths"].items()
        if "get" in item and "{" not in path
    )


LIST_PAGES = [
    ("anonymous", "/communities/"),
    ("city_admin", "/staff/communities/"),
    ("branch_staff", "/staff/communities/"),
    ("city_admin", "/staff/communities/districts/"),
    ("city_admin", "/staff/plans/"),
    ("anonymous", "/grants/"),
    ("city_admin", "/staff/grants/"),
    # The simulation reads its parameters from the query string: hostile numbers must not crash it.
    ("city_admin", "/staff/grants/activity/2023/simulation/"),
    ("city_admin", "/staff/grants/activity/2023/entitlements/"),
    ("city_admin", "/staff/grants/activity/2023/scenarios/"),
    ("city_admin", "/staff/grants/applications/"),
    ("community_secretariat", "/staff/grants/applications/"),
    ("city_admin", "/staff/grants/activity/2023/ledger/"),
    ("branch_staff", "/staff/grants/activity/2023/ledger/"),
    ("city_admin", "/staff/grants/activity/2023/ledger/export/"),
    ("anonymous", "/grants/totals/"),
    *api_list_paths(),
]


@pytest.fixture
def ichinoseki(world) -> None:
    load_promotion_plans()
    load_communities()
    load_grant_programs()


@pytest.mark.parametrize(("role", "path"), LIST_PAGES)
def test_random_sort_and_filter_parameters_never_fail(role, path, ichinoseki, world):
    client: Client = world.client(role)
    first = client.get(path)
    assert first.status_code == 200
    # The page's own filter form names count as known keys too.
    form_keys = [f.name for form in parse_page(path, first.content.decode()).forms if form.method == "get"
                 for f in form.fields if f.name] if "html" in first["Content-Type"] else []
    page_parameters = st.dictionaries(st.one_of(keys, st.sampled_from(form_keys or ["q"])), values, max_size=5)

    @settings(max_examples=EXAMPLES_PER_PAGE, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(page_parameters)
    def check(query):
        response = client.get(path, query)
        assert response.status_code < 500, f"{path}?{query} → HTTP {response.status_code}"

    check()
