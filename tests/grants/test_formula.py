from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo.grants.programs.entitlements import Parameters, compute_amount, formula_text


def test_example_rounds_down_to_thousand_then_caps():
    amount = compute_amount(base_yen=300_000, per_household_yen=100, per_resident_yen=50, households=1234,
                            population=3210, cap_yen=2_000_000, rounding_unit_yen=1000)
    assert amount == 583_000  # 300,000 + 123,400 + 160,500 = 583,900
    assert compute_amount(base_yen=300_000, per_household_yen=100, per_resident_yen=50, households=100_000,
                          population=100_000, cap_yen=2_000_000, rounding_unit_yen=1000) == 2_000_000
    assert compute_amount(base_yen=999, per_household_yen=0, per_resident_yen=0, households=0, population=0,
                          cap_yen=None, rounding_unit_yen=1000) == 0


def test_float_is_refused():
    with pytest.raises(TypeError):
        compute_amount(base_yen=1.5, per_household_yen=0, per_resident_yen=0, households=0, population=0,
                       cap_yen=None, rounding_unit_yen=1)


def test_formula_text():
    text = formula_text(Parameters(300_000, 100, 50, 2_000_000, 1000), households=1234, population=3210)
    assert text == ("基本額 300,000円 + 世帯数 1,234 × 100円 + 人口 3,210 × 50円 = 583,900円、千円未満切捨て、"
                    "上限 2,000,000円 → 583,000円")


money = st.integers(min_value=0, max_value=10_000_000)
rate = st.one_of(st.integers(min_value=0, max_value=10_000),
                 st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False))


@given(base=money, household=rate, resident=rate, households=st.integers(0, 200_000),
       population=st.integers(0, 500_000), cap=st.one_of(st.none(), money), unit=st.sampled_from([1, 100, 1000, 10000]))
def test_rounding_is_applied_exactly(base, household, resident, households, population, cap, unit):
    amount = compute_amount(base_yen=base, per_household_yen=household, per_resident_yen=resident,
                            households=households, population=population, cap_yen=cap, rounding_unit_yen=unit)
    assert isinstance(amount, int)
    assert amount >= 0
    assert amount % unit == 0 or amount == cap
    if cap is not None:
        assert amount <= cap
    raw = Decimal(base) + Decimal(households) * Decimal(household) + Decimal(population) * Decimal(resident)
    expected = int((raw / unit).to_integral_value(rounding=ROUND_DOWN)) * unit
    assert amount == (min(expected, cap) if cap is not None else expected)
