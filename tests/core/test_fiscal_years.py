import datetime as dt

import pytest

from kyodo.fiscal_years import FiscalYear, fiscal_year_range
from kyodo.japanese_era import OutOfEraRange, era_of, format_wareki
from kyodo.templatetags.kyodo_tags import fiscal_year, wareki, yen


def test_fy2019_is_reiwa_gannen():
    fy = FiscalYear(2019)
    assert fy.wareki == "令和元年度"
    assert fy.short == "R1"
    assert fy.label == "令和元年度(2019年度)"


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2018, "平成30年度"), (1988, "昭和63年度"), (1989, "平成元年度"), (2023, "令和5年度"), (2026, "令和8年度")],
)
def test_fiscal_year_names(year, expected):
    assert FiscalYear(year).wareki == expected


def test_era_changes_on_1_may_2019():
    assert format_wareki(dt.date(2019, 4, 30)) == "平成31年(2019年)4月30日"
    assert format_wareki(dt.date(2019, 5, 1)) == "令和元年(2019年)5月1日"
    assert format_wareki(dt.date(2019, 5, 1), with_western_year=False) == "令和元年5月1日"
    assert format_wareki(dt.date(1989, 1, 7)) == "昭和64年(1989年)1月7日"
    assert format_wareki(dt.date(1989, 1, 8)) == "平成元年(1989年)1月8日"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2019, 4, 1), 2019),
        (dt.date(2020, 3, 31), 2019),
        (dt.date(2020, 4, 1), 2020),
        (dt.date(2027, 1, 15), 2026),
        (dt.date(2026, 12, 31), 2026),
    ],
)
def test_fiscal_year_boundaries_are_1_april_and_31_march(day, year):
    assert FiscalYear.of(day) == FiscalYear(year)


def test_fiscal_year_start_end_and_ordering():
    fy = FiscalYear(2019)
    assert (fy.starts_on, fy.ends_on) == (dt.date(2019, 4, 1), dt.date(2020, 3, 31))
    assert fy.contains(dt.date(2020, 3, 31)) and not fy.contains(dt.date(2020, 4, 1))
    assert [f.short for f in fiscal_year_range(2019, 2023)] == ["R1", "R2", "R3", "R4", "R5"]
    assert FiscalYear(2020) > fy and fy + 1 == FiscalYear(2020)


def test_dates_before_meiji_are_refused():
    with pytest.raises(OutOfEraRange):
        era_of(dt.date(1850, 1, 1))


def test_template_filters(settings):
    assert wareki(dt.date(2019, 5, 1)) == "令和元年(2019年)5月1日"
    assert wareki(None) == ""
    assert fiscal_year(2019) == "令和元年度(2019年度)"
    assert yen(1234567) == "1,234,567円"
