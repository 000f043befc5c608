"""Numbers in the dialogue pages' query strings are read by kyodo.query_params: ASCII digits within bounds, else
a 400 (never a 500, never a database error); unknown choices are ignored."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.dialogue.factories import meeting_in_state, opinion_in_state

BAD_NUMBERS = ["²", "①", "１２", "1_000", "-1", "0", "12.5", "x", "99999999999999999999999", "1e3", "\x00"]
PAGES = [
    ("anonymous", "dialogue:opinion-list", ["district", "category"]),
    ("anonymous", "meetings:list", ["kind"]),
    ("city_admin", "dialogue_staff:opinion-list", ["department"]),
    ("city_admin", "dialogue_staff:meeting-list", ["kind"]),
]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize(("role", "name", "params"), PAGES)
def test_a_number_that_is_not_one_is_a_400(world, role, name, params, value):
    client = world.client(role)
    for param in params:
        response = client.get(reverse(name), {param: value})
        assert response.status_code == 400, (name, param, value, response.status_code)


@pytest.mark.parametrize("value", ["²", "1988", "2101", "20260", "令和8"])
def test_a_fiscal_year_out_of_range_is_a_400(world, value):
    assert Client().get(reverse("dialogue:opinion-list"), {"fiscal_year": value}).status_code == 400


def test_good_numbers_filter_and_unknown_choices_are_ignored(world):
    opinion = opinion_in_state(world.community_a, "published", title="公開された意見")
    meeting = meeting_in_state(world.community_a, "held", title="青葉の懇談会")
    client = Client()
    page = client.get(reverse("dialogue:opinion-list"), {"district": f" {opinion.district_id} ",
                                                         "fiscal_year": str(opinion.fiscal_year),
                                                         "outcome": "nonsense"})
    assert page.status_code == 200 and "公開された意見" in page.content.decode()
    page = client.get(reverse("meetings:list"), {"kind": str(meeting.kind_id), "when": "someday"})
    assert page.status_code == 200 and "青葉の懇談会" in page.content.decode()
    staff = world.client("city_admin").get(reverse("dialogue_staff:meeting-list"), {"status": "nonsense", "page": "²"})
    assert staff.status_code == 200 and "青葉の懇談会" in staff.content.decode()
