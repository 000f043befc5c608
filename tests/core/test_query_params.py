"""Numbers in query strings and URLs: "²", "①", 0, 99999 or 30 digits are a 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory
from django.urls import NoReverseMatch, resolve, reverse
from django.urls.exceptions import Resolver404

from kyodo.query_params import parse_int, query_fiscal_year, query_int, query_ints
from tests.grants.factories import ensure_scenario, open_rule

BAD_NUMBERS = ["²", "①", "٣", "１２", "12.5", "-1", "1e3", "0x10", "9" * 30, " 2026x"]


@pytest.mark.parametrize("text", BAD_NUMBERS)
def test_only_ascii_digits_in_range_are_numbers(text):
    assert parse_int(text, minimum=0, maximum=10**9) is None
    request = RequestFactory().get("/", {"year": text, "compare": ["1", text]})
    with pytest.raises(BadRequest):
        query_int(request, "year")
    with pytest.raises(BadRequest):
        query_ints(request, "compare")


def test_numbers_in_range_absent_and_empty():
    request = RequestFactory().get("/", {"year": "2026", "empty": "", "compare": ["3", "4"]})
    assert query_fiscal_year(request) == 2026
    assert query_int(request, "empty", default=7) == 7 and query_int(request, "missing") is None
    assert query_ints(request, "compare") == [3, 4]
    with pytest.raises(BadRequest):
        query_fiscal_year(RequestFactory().get("/", {"year": "1988"}))


@pytest.mark.parametrize("query", ["year=²", "year=①", "year=99999999999999999999", "year=0"])
def test_the_public_grants_pages_answer_400(client, db, query):
    assert client.get(f"{reverse('grants:totals')}?{query}").status_code == 400


@pytest.mark.parametrize("compare", ["²", "①", "9" * 25])
def test_comparing_scenarios_with_a_bad_number_is_400(world, compare):
    scenario = ensure_scenario(fiscal_year=2023)
    url = reverse("grants_staff:scenario-list", args=["activity", 2023])
    assert world.client("city_admin").get(url, {"compare": compare}).status_code == 400
    assert world.client("city_admin").get(url, {"compare": scenario.pk}).status_code == 200


@pytest.mark.parametrize("query", ["year=²", "year=99999", "year=" + "9" * 30])
def test_creating_an_application_with_a_bad_year_is_400(world, query):
    open_rule()
    url = reverse("grants_staff:application-create", args=[world.community_a.slug])
    assert world.client("community_secretariat").get(f"{url}?{query}").status_code == 400


@pytest.mark.parametrize("year", ["0", "0000", "1988", "2101", "99999", "²０２６"])
def test_fiscal_years_out_of_range_in_urls_are_404(world, year):
    path = f"/staff/grants/activity/{year}/ledger/"
    with pytest.raises(Resolver404):
        resolve(path)
    assert world.client("city_admin").get(path).status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("grants_staff:ledger", args=["activity", year])


def test_a_fiscal_year_in_range_resolves_to_an_int():
    match = resolve(reverse("grants_staff:ledger", args=["activity", 2026]))
    assert match.kwargs["fiscal_year"] == 2026
