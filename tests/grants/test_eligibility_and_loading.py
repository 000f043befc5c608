import pytest

from kyodo.communities.models import Community
from kyodo.grants.models import ExpenseCategory, GrantProgram, ProgramRule
from kyodo.grants.programs.entitlements import eligible
from kyodo.grants.programs.loading import load_grant_programs
from tests.factories import CommunityFactory, CommunityPlanFactory
from tests.grants.factories import ensure_program

pytestmark = pytest.mark.django_db


def test_eligibility_follows_status_and_plan():
    forming = CommunityFactory(status=Community.Status.FORMING, founded_on=None)
    established = CommunityFactory()
    planned = CommunityFactory()
    CommunityPlanFactory(community=planned, start_fiscal_year=2021, end_fiscal_year=2025)
    expect = {
        "founding": (True, False, False),
        "startup": (False, True, False),
        "activity": (False, False, True),
        "secretariat": (False, True, True),
    }
    for code, wanted in expect.items():
        program = ensure_program(code)
        got = tuple(eligible(program, c, 2023)[0] for c in (forming, established, planned))
        assert got == wanted, code
    ok, reason = eligible(ensure_program("activity"), planned, 2026)
    assert not ok and "地域づくり計画がない" in reason
    assert eligible(ensure_program("startup"), planned, 2026)[0]


def test_loader_is_idempotent_and_never_overwrites():
    created = load_grant_programs()
    assert GrantProgram.objects.count() == 4
    assert ExpenseCategory.objects.count() == 10
    assert ProgramRule.objects.count() == 4 * 8  # FY2019–FY2026
    assert created == 4 + 10 + 32
    rule = ProgramRule.objects.get(program__code="activity", fiscal_year=2023)
    assert rule.is_demo_data and rule.base_yen == 300_000 and rule.rounding_unit_yen == 1000
    assert {c.name for c in rule.ineligible_categories.all()} == {"飲食費", "慶弔費"}
    rule.base_yen = 1
    rule.save()
    assert load_grant_programs() == 0
    rule.refresh_from_db()
    assert rule.base_yen == 1
