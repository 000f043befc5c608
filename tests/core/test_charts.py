"""The chart kit: bars proportional to their values, a legend only for several series, every value written."""

from django.template.loader import render_to_string

from kyodo.charts import BLUE, GREEN, WIDTH, Bar, bar_chart


def test_bars_are_proportional_and_a_single_series_has_no_legend():
    chart = bar_chart([("A", [Bar("件数", 10)]), ("B", [Bar("件数", 5)])], unit="count")
    widths = [bar["width"] for group in chart["groups"] for bar in group["bars"]]
    assert widths == [WIDTH, WIDTH // 2] and chart["legend"] == []


def test_two_series_get_a_legend_and_an_empty_chart_does_not_divide_by_zero():
    chart = bar_chart([("R7", [Bar("交付決定額", 0, BLUE), Bar("確定額", 0, GREEN)])])
    assert [item["name"] for item in chart["legend"]] == ["交付決定額", "確定額"]
    assert all(bar["width"] == 0 for bar in chart["groups"][0]["bars"])


def test_the_svg_names_itself_and_writes_each_value():
    chart = bar_chart([("山目", [Bar("交付決定額", 123_000, BLUE)])])
    svg = render_to_string("charts/bar.html", {"chart": chart, "chart_title_id": "t"})
    assert 'role="img"' in svg and 'aria-labelledby="t"' in svg and "123,000円" in svg
    assert "12%" in render_to_string("charts/bar.html", {
        "chart": bar_chart([("若者", [Bar("割合", 12)])], unit="percent"), "chart_title_id": "t"})
