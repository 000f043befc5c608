"""Test data factories. Arguments a test depends on are passed visibly in the test."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.communities.models import (
    BranchOffice,
    Community,
    CommunityPlan,
    District,
    DistrictFigure,
    MemberOrganization,
    Officer,
    PlanGoal,
    PlanInitiative,
)
from kyodo.companies.models import Company
from kyodo.plans.models import Department, Measure, MeasureSchedule, Policy, PromotionPlan
from kyodo.support.models import LiaisonAssignment

PASSWORD = "correct-horse-battery-staple"


class BranchOfficeFactory(DjangoModelFactory):
    class Meta:
        model = BranchOffice

    name = factory.Sequence(lambda n: f"テスト{n}支所")
    slug = factory.Sequence(lambda n: f"branch-{n}")
    area_name = factory.Sequence(lambda n: f"テスト{n}地域")
    order = factory.Sequence(lambda n: n)


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"地区{n}")
    branch_office = factory.SubFactory(BranchOfficeFactory)
    citizen_center_name = factory.LazyAttribute(lambda o: f"{o.name}市民センター")


class DistrictFigureFactory(DjangoModelFactory):
    class Meta:
        model = DistrictFigure

    district = factory.SubFactory(DistrictFactory)
    fiscal_year = 2023
    population = 3000
    households = 1200


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"テスト{n}地域協働体")
    name_kana = factory.Sequence(lambda n: f"てすと{n}ちいききょうどうたい")
    slug = factory.Sequence(lambda n: f"community-{n}")
    district = factory.SubFactory(DistrictFactory)
    status = Community.Status.ESTABLISHED
    founded_on = dt.date(2016, 4, 1)


class OfficerFactory(DjangoModelFactory):
    class Meta:
        model = Officer

    community = factory.SubFactory(CommunityFactory)
    position = Officer.Position.CHAIR
    name = "架空 太郎"
    age_band = "70s"
    term_start = dt.date(2024, 4, 1)
    term_end = dt.date(2026, 3, 31)


class MemberOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = MemberOrganization

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"第{n}自治会")


class CommunityPlanFactory(DjangoModelFactory):
    class Meta:
        model = CommunityPlan

    community = factory.SubFactory(CommunityFactory)
    title = factory.LazyAttribute(lambda o: f"{o.community.name} 地域づくり計画")
    start_fiscal_year = 2021
    end_fiscal_year = 2025
    vision = "みんなで支え合う住みよい地域"
    adopted_on = dt.date(2021, 3, 20)


class PlanGoalFactory(DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(CommunityPlanFactory)
    order = 1
    title = "安全・安心な地域づくり"


class PlanInitiativeFactory(DjangoModelFactory):
    class Meta:
        model = PlanInitiative

    plan = factory.SubFactory(CommunityPlanFactory)
    fiscal_year = 2023
    title = "防災訓練"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"テスト{n}課")


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"テスト商事{n}株式会社")
    slug = factory.Sequence(lambda n: f"company-{n}")


class PromotionPlanFactory(DjangoModelFactory):
    class Meta:
        model = PromotionPlan

    number = factory.Sequence(lambda n: n + 10)
    title = factory.LazyAttribute(lambda o: f"第{o.number}次テスト地域協働推進計画")
    start_fiscal_year = 2019
    end_fiscal_year = 2023
    aim_title = "協働の仕組みが実践される住み良い地域社会を創る"


class PolicyFactory(DjangoModelFactory):
    class Meta:
        model = Policy

    plan = factory.SubFactory(PromotionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "地域協働の仕組みと組織づくり"


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    policy = factory.SubFactory(PolicyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "地域の合意形成を図る事業に対する支援"
    content = "地域協働体の設立に向けた会議等の費用を支援"


class MeasureScheduleFactory(DjangoModelFactory):
    class Meta:
        model = MeasureSchedule

    measure = factory.SubFactory(MeasureFactory)
    start_fiscal_year = 2019
    end_fiscal_year = 2023
    text = "地域協働体の設立に向け準備会等の申請により実施"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"利用者{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class LiaisonAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = LiaisonAssignment

    staff = factory.SubFactory(UserFactory, role=Role.LIAISON)
    community = factory.SubFactory(CommunityFactory)
    started_on = dt.date(2020, 4, 1)
