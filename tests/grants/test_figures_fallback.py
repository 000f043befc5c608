"""Before a fiscal year's population figures are registered, the latest earlier ones apply."""

from kyodo.grants.programs.queries import entitlements
from tests.factories import CommunityPlanFactory, DistrictFigureFactory
from tests.grants.factories import ensure_program, ensure_rule


def test_the_latest_earlier_figures_apply_and_are_named(world):
    ensure_rule(fiscal_year=2025)
    CommunityPlanFactory(community=world.community_a, start_fiscal_year=2024, end_fiscal_year=2026)
    DistrictFigureFactory(district=world.community_a.district, fiscal_year=2022, households=9, population=9)
    DistrictFigureFactory(district=world.community_a.district, fiscal_year=2024, households=1000, population=2000)
    DistrictFigureFactory(district=world.community_a.district, fiscal_year=2026, households=1, population=1)
    row = next(r for r in entitlements(ensure_program(), 2025) if r.community == world.community_a)
    assert (row.households, row.population, row.figures_year) == (1000, 2000, 2024)
    assert row.amount_yen == 300_000 + 1000 * 100 + 2000 * 50


def test_without_any_earlier_figures_there_is_no_amount(world):
    ensure_rule(fiscal_year=2025)
    CommunityPlanFactory(community=world.community_a, start_fiscal_year=2024, end_fiscal_year=2026)
    DistrictFigureFactory(district=world.community_a.district, fiscal_year=2026)
    row = next(r for r in entitlements(ensure_program(), 2025) if r.community == world.community_a)
    assert row.amount_yen is None and "人口・世帯数が未登録" in row.reason
