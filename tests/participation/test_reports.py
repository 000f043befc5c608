"""Participation by age band per hosting community and fiscal year (the youth share), as a page, a chart
and Excel; the demo data."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kyodo.fiscal_years import FiscalYear
from kyodo.participation import reports
from kyodo.participation.signing_up import confirm_signup, mark_attended
from tests.participation.factories import make_opportunity, make_signup

pytestmark = pytest.mark.django_db


def _came(opportunity, number, **fields):
    signup = confirm_signup(make_signup(opportunity, number, **fields), actor=opportunity.created_by)
    return mark_attended(signup, actor=opportunity.created_by)


@pytest.fixture
def year(world):
    aoba = make_opportunity(world.community_a, days_ahead=1)
    midori = make_opportunity(world.community_b, days_ahead=1)
    _came(aoba, 1, age_band="under_20")
    _came(aoba, 2, age_band="60s")
    _came(aoba, 3, age_band="30s")
    _came(midori, 4, age_band="70_over")
    confirm_signup(make_signup(aoba, 5, age_band="20s"), actor=aoba.created_by)  # confirmed, did not come
    make_signup(midori, 6, age_band="20s")  # never confirmed
    return FiscalYear.of(aoba.starts_at.date()).year


def test_age_bands_per_hosting_community_with_the_youth_share(world, year):
    rows, total = reports.age_bands_by_community(world.users["city_admin"], year)
    by_name = {row.label: row for row in rows}
    assert by_name[world.community_a.name].total == 3 and by_name[world.community_a.name].youth_percent == 67
    assert by_name[world.community_b.name].youth_percent == 0
    assert total.total == 4 and total.youth_percent == 50
    own, own_total = reports.age_bands_by_community(world.users["community_secretariat"], year)
    assert [row.label for row in own] == [world.community_a.name] and own_total.total == 3
    assert reports.age_bands_by_community(world.users["advisor"], year) == ([], reports.AgeRow("合計"))
    assert reports.age_bands_by_community(world.users["city_admin"], year - 1)[1].total == 0


def test_the_community_sees_its_own_row_and_the_city_every_one(world, year):
    own = world.client("community_officer").get(f"/staff/participation/participation/?year={year}").content.decode()
    assert world.community_a.name in own and world.community_b.name not in own and "67%" in own
    city = world.client("city_admin").get(f"/staff/participation/participation/?year={year}").content.decode()
    assert world.community_a.name in city and world.community_b.name in city and "<svg" in city
    assert world.client("city_admin").get("/staff/participation/participation/?year=abc").status_code == 400


def test_the_excel_export_holds_the_table(world, year):
    response = world.client("city_admin").get(f"/staff/participation/participation.xlsx?year={year}")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[1][0] == "地域協働体" and rows[1][-1] == "若い世代の割合(%)"
    body = {row[0]: row for row in rows[2:]}
    assert body[world.community_a.name][-2:] == [3, 67]
    assert body["合計"][-2:] == [4, 50]
