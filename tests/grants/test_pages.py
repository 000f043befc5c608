import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kyodo.audit.models import AuditEvent
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import ProgramRule, SimulationScenario
from kyodo.grants.programs import services
from kyodo.locking import StaleObject
from tests.factories import CommunityFactory, CommunityPlanFactory, DistrictFigureFactory
from tests.grants.factories import ensure_category, ensure_rule, ensure_scenario, make_application, rule_post_data


@pytest.fixture
def planned(world):
    """Both world communities have a plan in force and FY2023 figures."""
    for community in (world.community_a, world.community_b):
        CommunityPlanFactory(community=community, start_fiscal_year=2021, end_fiscal_year=2025)
    DistrictFigureFactory(district=world.community_a.district, fiscal_year=2023, households=1234, population=3210)
    DistrictFigureFactory(district=world.community_b.district, fiscal_year=2023, households=1000, population=2000)
    return ensure_rule()


def test_entitlements_page_by_scope(world, planned):
    url = reverse("grants_staff:entitlements", args=["activity", 2023])
    page = world.client("city_admin").get(url).content.decode()
    assert "583,000円" in page and "500,000円" in page  # 300,000+100,000+100,000
    branch = world.client("branch_staff").get(url).content.decode()
    assert "あおば地域協働体" in branch and "みどり地域協働体" not in branch


def _count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_entitlements_query_count_is_constant(world, planned):
    url = reverse("grants_staff:entitlements", args=["activity", 2023])
    client = world.client("city_admin")
    for _ in range(1):
        CommunityFactory()
    few = _count(client, url)
    for _ in range(27):
        community = CommunityFactory()
        DistrictFigureFactory(district=community.district)
        CommunityPlanFactory(community=community)
    assert _count(client, url) == few


def test_community_page_shows_formula(world, planned):
    year = FiscalYear.current().year
    ensure_rule(fiscal_year=year)
    CommunityPlanFactory(community=world.community_a, start_fiscal_year=year, end_fiscal_year=year + 1)
    DistrictFigureFactory(district=world.community_a.district, fiscal_year=year, households=1234, population=3210)
    page = world.client("community_secretariat").get(
        reverse("grants_staff:my-entitlements", args=["aoba"])).content.decode()
    assert "基本額 300,000円 + 世帯数 1,234 × 100円 + 人口 3,210 × 50円 = 583,900円、千円未満切捨て" in page
    assert "583,000円" in page and "地域協働体活動費補助金" in page


def test_rule_edit_validation_conflict_and_audit(world, planned, city_admin):
    client = world.client("city_admin")
    url = reverse("grants_staff:rule-edit", args=[planned.pk])
    food = ensure_category("food", "飲食費")
    response = client.post(url, rule_post_data(planned, application_closes_on="2025-06-01", base_yen="-1",
                                               eligible_categories=[food.pk], ineligible_categories=[food.pk]))
    assert response.status_code == 422
    page = response.content.decode()
    assert "申請受付期間は令和5年度" in page and "両方に指定することはできません" in page
    assert ProgramRule.objects.get(pk=planned.pk).version == 1
    response = client.post(url, rule_post_data(planned, base_yen="350000"))
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.base_yen == 350_000 and planned.version == 2
    event = AuditEvent.objects.get(action="grant_rule.changed")
    assert event.data["changes"]["base_yen"] == {"from": 300000, "to": 350000}
    stale = client.post(url, rule_post_data(planned, base_yen="1", version="1"))
    assert stale.status_code == 409
    assert "他の方が先に更新しました" in stale.content.decode()
    with pytest.raises(StaleObject):
        services.update_rule(planned, actor=city_admin, version=1, base_yen=2)


def test_locked_rule_is_refused(world, planned, city_admin):
    assert not planned.is_locked
    make_application(world.community_a, fiscal_year=planned.fiscal_year)  # the year now has an application
    assert planned.is_locked
    with pytest.raises(services.RuleLocked):
        services.update_rule(planned, actor=city_admin, version=planned.version, base_yen=1)
    response = world.client("city_admin").post(
        reverse("grants_staff:rule-edit", args=[planned.pk]), rule_post_data(planned, base_yen="1"))
    assert response.status_code == 409
    assert "ルールは変更できません" in response.content.decode()
    planned.refresh_from_db()
    assert planned.base_yen == 300_000


def test_rule_create(world, city_admin):
    response = world.client("city_admin").post(reverse("grants_staff:rule-create"), rule_post_data())
    assert response.status_code == 302
    assert ProgramRule.objects.filter(fiscal_year=2030).exists()
    assert AuditEvent.objects.filter(action="grant_rule.created").count() == 1


def test_a_refused_rule_answers_422_and_creates_nothing(world, city_admin):
    client = world.client("city_admin")
    url = reverse("grants_staff:rule-create")
    assert client.get(url).status_code == 200
    events = AuditEvent.objects.count()

    response = client.post(url, rule_post_data(base_yen="-1"))

    assert response.status_code == 422
    assert "errorlist" in response.content.decode()
    assert not ProgramRule.objects.filter(fiscal_year=2030).exists()
    assert AuditEvent.objects.count() == events


def test_simulation_totals_and_export(world, planned):
    client = world.client("city_admin")
    query = {"base_yen": "400000", "per_household_yen": "100", "per_resident_yen": "50", "cap_yen": "",
             "rounding_unit_yen": "1000"}
    page = client.get(reverse("grants_staff:simulation", args=["activity", 2023]), query).content.decode()
    # current 583,000 + 500,000 = 1,083,000; proposed 683,000 + 600,000 = 1,283,000
    assert "1,083,000円" in page and "1,283,000円" in page and "200,000円" in page
    assert "28,717,000円" in page  # budget 30,000,000 − 1,283,000
    assert "<svg" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>")[0]
    world.community_a.name = "=HYPERLINK(1)"
    world.community_a.save()
    response = client.get(reverse("grants_staff:simulation-export", args=["activity", 2023]), query)
    assert "grants-simulation-activity-2023.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "'=HYPERLINK(1)" in values and 1_283_000 in values and 1_083_000 in values


def test_scenarios_save_compare_adopt(world, planned, city_admin):
    client = world.client("city_admin")
    data = {"name": "基本額増額案", "base_yen": "400000", "per_household_yen": "100", "per_resident_yen": "50",
            "cap_yen": "2000000", "rounding_unit_yen": "1000"}
    assert client.post(reverse("grants_staff:scenario-save", args=["activity", 2023]), data).status_code == 302
    invalid = client.post(reverse("grants_staff:scenario-save", args=["activity", 2023]), {**data, "name": ""})
    assert invalid.status_code == 422 and SimulationScenario.objects.count() == 1
    other = ensure_scenario(name="案B")
    scenario = SimulationScenario.objects.get(name="基本額増額案")
    page = client.get(reverse("grants_staff:scenario-list", args=["activity", 2023]),
                      {"compare": [scenario.pk, other.pk]}).content.decode()
    assert "基本額増額案" in page and "1,283,000円" in page
    assert ProgramRule.objects.filter(fiscal_year=2024).count() == 0
    url = reverse("grants_staff:scenario-adopt", args=[scenario.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    rule = ProgramRule.objects.get(fiscal_year=2024)
    assert rule.base_yen == 400_000 and rule.budget_yen == planned.budget_yen
    assert AuditEvent.objects.filter(action="grant_scenario.adopted").count() == 1
    refused = client.post(reverse("grants_staff:scenario-adopt", args=[other.pk]))
    assert refused.status_code == 409 and "すでにあるため" in refused.content.decode()
    with pytest.raises(services.AdoptionRefused):
        services.delete_scenario(scenario, actor=city_admin)


def test_public_index_and_api(world, planned):
    page = world.client("anonymous").get(reverse("grants:index")).content.decode()
    assert "地域協働体活動費補助金" in page and "30,000,000円" in page
    programs = world.client("anonymous").get("/api/v1/grants/programs").json()["items"]
    assert programs[0]["code"] == "activity"
    rules = world.client("anonymous").get("/api/v1/grants/programs/activity/rules").json()["items"]
    assert rules[0]["fiscal_year"] == 2023 and rules[0]["cap_yen"] == 2_000_000
    assert world.client("anonymous").get("/api/v1/grants/programs/nope/rules").status_code == 404


def test_roles_refused(world, planned):
    simulation = reverse("grants_staff:simulation", args=["activity", 2023])
    assert world.client("branch_staff").get(simulation).status_code == 403
    assert world.client("branch_staff").get(reverse("grants_staff:rule-create")).status_code == 403
    assert world.client("community_secretariat").get(reverse("grants_staff:index")).status_code == 403
