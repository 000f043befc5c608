"""Branch offices, districts and their yearly figures: city administrators only."""

from __future__ import annotations

import pytest

from kyodo.communities.models import BranchOffice, District, DistrictFigure
from tests.factories import DistrictFigureFactory

pytestmark = pytest.mark.django_db


def test_city_admin_adds_and_edits_a_branch_office(world):
    client = world.client("city_admin")

    response = client.post("/staff/communities/branches/new/", {
        "name": "室根支所", "name_en": "Murone Branch Office", "slug": "murone", "area_name": "室根地域", "order": 6,
    })
    assert response.status_code == 302
    response = client.post("/staff/communities/branches/murone/edit/", {
        "name": "室根支所", "name_en": "Murone Branch", "slug": "murone", "area_name": "室根地域", "order": 7,
    })
    assert response.status_code == 302
    assert BranchOffice.objects.get(slug="murone").name_en == "Murone Branch"
    assert "室根支所" in client.get("/staff/communities/branches/").content.decode()


def test_a_duplicate_branch_name_is_refused(world):
    response = world.client("city_admin").post("/staff/communities/branches/new/", {
        "name": "A支所", "slug": "another-a", "area_name": "A地域", "order": 1,
    })

    assert response.status_code == 422
    assert "errorlist" in response.content.decode()
    assert not BranchOffice.objects.filter(slug="another-a").exists()


def test_city_admin_adds_a_district_and_its_figures(world):
    client = world.client("city_admin")

    response = client.post("/staff/communities/districts/new/", {
        "name": "舞川", "name_kana": "まいかわ", "branch_office": world.branch_a.pk,
        "citizen_center_name": "舞川市民センター", "order": 10,
    })
    assert response.status_code == 302
    district = District.objects.get(name="舞川")

    response = client.post(f"/staff/communities/districts/{district.pk}/figures/new/", {
        "fiscal_year": 2024, "population": 1650, "households": 620, "source": "住民基本台帳",
    })
    assert response.status_code == 302
    response = client.post(f"/staff/communities/districts/{district.pk}/figures/2024/", {
        "population": 1649, "households": 620, "source": "住民基本台帳",
    })
    assert response.status_code == 302
    assert DistrictFigure.objects.get(district=district, fiscal_year=2024).population == 1649
    listing = client.get("/staff/communities/districts/").content.decode()
    assert "舞川" in listing and "1,649" in listing


def test_a_second_figure_for_the_same_year_gets_a_japanese_error(world):
    district = world.community_a.district
    DistrictFigureFactory(district=district, fiscal_year=2023, population=3000)

    response = world.client("city_admin").post(f"/staff/communities/districts/{district.pk}/figures/new/", {
        "fiscal_year": 2023, "population": 1, "households": 1,
    })

    assert response.status_code == 422
    assert "この地区のこの年度の人口・世帯数はすでに登録されています。" in response.content.decode()
    assert DistrictFigure.objects.get(district=district, fiscal_year=2023).population == 3000


def test_the_service_refuses_a_duplicate_year_too(world, city_admin):
    from kyodo.communities.services import DuplicateFigure, create_district_figure

    district = world.community_a.district
    create_district_figure(district, actor=city_admin, fiscal_year=2022, population=10, households=5)

    with pytest.raises(DuplicateFigure):
        create_district_figure(district, actor=city_admin, fiscal_year=2022, population=11, households=5)
    assert district.figures.get().population == 10


@pytest.mark.parametrize("role", ["branch_staff", "community_secretariat", "liaison"])
def test_others_cannot_change_the_structure(world, role):
    district = world.community_a.district

    response = world.client(role).post(f"/staff/communities/districts/{district.pk}/figures/new/", {
        "fiscal_year": 2023, "population": 1, "households": 1,
    })

    assert response.status_code == 403
    assert not DistrictFigure.objects.exists()
