"""Loading Ichinoseki's structure and the demo content."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Sum

from kyodo.communities.demo import create_demo_content
from kyodo.communities.loading import load_communities
from kyodo.communities.models import (
    AgeBand,
    BranchOffice,
    Community,
    CommunityPlan,
    District,
    DistrictFigure,
    MemberOrganization,
    Officer,
)

pytestmark = pytest.mark.django_db


def test_loads_the_head_office_seven_branches_33_districts_and_communities():
    created = load_communities()

    assert BranchOffice.objects.count() == 8
    assert BranchOffice.objects.get(is_head_office=True).name == "本庁"
    assert District.objects.count() == 33
    assert Community.objects.count() == 33
    assert DistrictFigure.objects.count() == 33 * 6
    assert created == 8 + 33 + 33 + 33 * 6
    assert set(Community.objects.values_list("status", flat=True)) == {Community.Status.ESTABLISHED}
    assert District.objects.filter(branch_office__slug="honcho").count() == 11


def test_only_mashiba_is_a_known_real_community_name():
    load_communities()

    mashiba = Community.objects.get(slug="mashiba")
    assert mashiba.name == "真柴まちづくり協議会"
    assert not mashiba.is_demo_data
    assert Community.objects.filter(is_demo_data=False).count() == 1
    assert Community.objects.get(slug="yamanome").name == "山目地域協働体"
    assert District.objects.get(name="曽慶").is_demo_data
    assert not District.objects.get(name="山目").is_demo_data


def test_fy2023_totals_match_the_city_and_decline_each_year():
    load_communities()

    def totals(year):
        return DistrictFigure.objects.filter(fiscal_year=year).aggregate(p=Sum("population"), h=Sum("households"))

    assert totals(2023) == {"p": 107_555, "h": 46_340}
    populations = [totals(year)["p"] for year in range(2019, 2025)]
    assert populations == sorted(populations, reverse=True)
    assert set(DistrictFigure.objects.values_list("source", flat=True)) == {"デモデータ"}
    # 一関地域 keeps its 2017 share of the city (58,097 of 121,069).
    ichinoseki = DistrictFigure.objects.filter(fiscal_year=2023, district__branch_office__slug="honcho")
    assert ichinoseki.aggregate(p=Sum("population"))["p"] == pytest.approx(107_555 * 58_097 / 121_069, abs=2)


def test_loading_again_creates_nothing_and_keeps_the_citys_edits():
    load_communities()
    Community.objects.filter(slug="yamanome").update(name="山目まちづくり協議会")
    DistrictFigure.objects.filter(district__name="山目", fiscal_year=2023).update(population=1)
    Community.objects.filter(slug="maikawa").delete()

    created = load_communities()

    assert created == 1  # only the deleted community comes back
    assert Community.objects.get(slug="yamanome").name == "山目まちづくり協議会"
    assert DistrictFigure.objects.get(district__name="山目", fiscal_year=2023).population == 1
    assert Community.objects.count() == 33


def test_demo_content_gives_every_community_officers_members_and_a_plan():
    load_communities()
    create_demo_content()
    create_demo_content()  # idempotent

    for community in Community.objects.prefetch_related("officers", "member_organizations", "plans"):
        positions = {officer.position for officer in community.officers.all()}
        assert {"chair", "vice_chair", "secretary_general", "treasurer", "auditor"} <= positions
        assert 4 <= len(community.member_organizations.all()) <= 8
        assert len(community.plans.all()) == 1
    plan = CommunityPlan.objects.select_related("community").first()
    assert plan.goals.count() == 3
    years = set(range(plan.start_fiscal_year, plan.end_fiscal_year + 1))
    assert {initiative.fiscal_year for initiative in plan.initiatives.all()} == years
    assert plan.revisions.count() == 1
    older = Officer.objects.filter(age_band__in=[AgeBand.AGE_60S, AgeBand.AGE_70S, AgeBand.AGE_80_OVER]).count()
    assert older / Officer.objects.count() > 0.7
    assert Officer.objects.count() == 33 * 7
    assert MemberOrganization.objects.count() < 33 * 9


def test_management_commands(capsys):
    call_command("load_demo_communities")
    call_command("load_communities")

    assert "0 rows created" in capsys.readouterr().out
    assert Community.objects.count() == 33
