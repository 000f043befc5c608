"""Each role's work area shows what is theirs, and links only to pages they may open."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("city_admin", ["推進計画の管理", "あおば地域協働体", "みどり地域協働体"], []),
        ("branch_staff", ["あおば地域協働体"], ["みどり地域協働体", "推進計画の管理"]),
        ("liaison", ["あおば地域協働体"], ["みどり地域協働体"]),
        ("community_secretariat", ["自分の地域協働体", "あおば地域協働体"], ["みどり地域協働体"]),
        ("company_contact", ["架空建設株式会社"], ["あおば地域協働体"]),
    ],
)
def test_each_role_sees_its_own_work(world, role, shown, hidden):
    html = world.client(role).get(reverse("staff:home")).content.decode()
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


@pytest.mark.django_db
def test_advisors_are_linked_to_public_pages_only(world):
    html = world.client("advisor").get(reverse("staff:home")).content.decode()
    assert "/communities/aoba/" in html
    assert "/staff/communities/aoba/" not in html


@pytest.mark.django_db
def test_department_staff_see_the_measures_they_own(world):
    from tests.factories import MeasureFactory, PolicyFactory, PromotionPlanFactory

    plan = PromotionPlanFactory(is_current=True)
    MeasureFactory(policy=PolicyFactory(plan=plan), title="協働によるまちづくりの啓発", department=world.department)
    html = world.client("department_staff").get(reverse("staff:home")).content.decode()
    assert "協働によるまちづくりの啓発" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("city_admin", ["/staff/grants/applications/", "/staff/grants/"]),
        ("branch_staff", ["/staff/grants/applications/", "/staff/grants/"]),
        ("community_secretariat", ["/staff/grants/applications/", "/staff/grants/community/aoba/"]),
    ],
)
def test_the_work_area_leads_to_the_grants(world, role, links):
    html = world.client(role).get(reverse("staff:home")).content.decode()
    for link in links:
        assert f'href="{link}"' in html


@pytest.mark.django_db
def test_advisors_see_no_grant_links(world):
    assert "/staff/grants/" not in world.client("advisor").get(reverse("staff:home")).content.decode()
