"""The dialogue, support and events pages read numbers from the query string the one safe way:
"²", "①", full-width digits or 30-digit values are ignored (the page's default) or a 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
            assert status == 200 or 400 <= status < 500, (url, name, value, status)


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
