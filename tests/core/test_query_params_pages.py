"""The dialogue, support and events pages read numbers from the query string the one safe way:
"²", "①", full-width digits or 30-digit values in a filter or a year are a 400; a page number is clamped
by the paginator (kyodo/query_params.py says why)."""

from __future__ import annotations

import pytest
from django.urls import reverse

# 400 from query_params; the page number is clamped; the coverage page's filter form reads "months" like
# any form field (Unicode digits are numbers to it) and answers 422 with the message next to the field.
EXPECTED = {"page": (200,), "months": (200, 422)}
BAD_VALUES = ["²", "①", "٣", "１２", "-1", "9" * 30, "1" + "0" * 20]

PUBLIC_PAGES = [
    ("dialogue:opinion-list", ["page", "district", "category", "fiscal_year"]),
    ("meetings:list", ["page", "kind"]),
    ("events:list", ["page"]),
]
STAFF_PAGES = [
    ("dialogue_staff:opinion-list", ["page", "department"]),
    ("dialogue_staff:meeting-list", ["page", "kind"]),
    ("dialogue_staff:request-list", ["page"]),
    ("support_staff:coverage", ["page", "months"]),
    ("support_staff:dispatch-list", ["page"]),
    ("support_staff:consultation-list", ["page", "topic"]),
    ("support_staff:consultation-report", ["year"]),
    ("events_staff:index", ["page"]),
    ("events_staff:participation", ["year"]),
]


def _check(client, url: str, names: list[str]) -> None:
    for name in names:
        for value in BAD_VALUES:
            status = client.get(url, {name: value}).status_code
            assert status in EXPECTED.get(name, (400,)), (url, name, value, status)


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "names"), PUBLIC_PAGES)
def test_public_pages_never_fail_on_odd_numbers(client, url_name, names):
    _check(client, reverse(url_name), names)


@pytest.mark.parametrize(("url_name", "names"), STAFF_PAGES)
def test_staff_pages_never_fail_on_odd_numbers(world, url_name, names):
    client = world.client("city_admin")
    url = reverse(url_name)
    assert client.get(url).status_code == 200
    _check(client, url, names)


def test_a_year_that_is_not_a_plain_number_is_refused_and_a_plain_one_is_read(world):
    client = world.client("city_admin")
    url = reverse("support_staff:consultation-report")
    plain = client.get(url)
    assert client.get(url, {"year": "²"}).status_code == 400
    year = plain.context["report"].year.year
    assert client.get(url, {"year": str(year - 1)}).context["report"].year.year == year - 1
