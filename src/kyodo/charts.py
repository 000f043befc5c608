"""Charts drawn on the server as SVG: no script, readable without colour, each beside its table.

``bar_chart`` turns groups of named values into the geometry ``templates/charts/bar.html`` draws:
one row per bar, a label per group, the value written at the end of each bar, a legend when the
groups have more than one series. Every chart is an image with a title (``aria-labelledby``) and a
table next to it holds the same figures, for screen readers and for people who prefer numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDTH = 420  # the longest bar
LABEL_WIDTH = 140
BAR_HEIGHT = 18
GAP = 10
LEGEND_HEIGHT = 22

# Colours that keep 3:1 against white and differ in lightness too (Digital Agency palette).
BLUE = "#1565c0"
GREEN = "#2e7d32"
GREY = "#757575"
ORANGE = "#e65100"
PURPLE = "#6a1b9a"
SERIES = (BLUE, GREEN, ORANGE, PURPLE, GREY)


@dataclass(frozen=True)
class Bar:
    """One value: its series' name, the value, and its colour."""

    name: str
    value: int
    colour: str = BLUE


def bar_chart(groups: Sequence[tuple[str, Sequence[Bar]]], *, unit: str = "yen") -> dict[str, Any]:
    """Geometry of a horizontal bar chart: per group a label and its bars. ``unit``: "yen" (12,345円),
    "count" (12,345) or "percent" (12%) for the numbers written beside the bars."""
    peak = max([bar.value for _label, bars in groups for bar in bars] + [1])
    legend = {bar.name: bar.colour for _label, bars in groups for bar in bars}
    y = LEGEND_HEIGHT if len(legend) > 1 else 0
    drawn = []
    for label, bars in groups:
        top = y
        items = []
        for bar in bars:
            items.append({"name": bar.name, "value": bar.value, "colour": bar.colour, "y": y,
                          "text_y": y + BAR_HEIGHT - 5, "width": max(bar.value, 0) * WIDTH // peak,
                          "text_x": LABEL_WIDTH + max(bar.value, 0) * WIDTH // peak + 6})
            y += BAR_HEIGHT
        drawn.append({"label": label, "text_y": top + BAR_HEIGHT - 5, "bars": items})
        y += GAP
    return {
        "groups": drawn,
        "legend": [{"name": name, "colour": colour, "x": LABEL_WIDTH + index * 120, "text_x": LABEL_WIDTH + index * 120
                    + 16} for index, (name, colour) in enumerate(legend.items())] if len(legend) > 1 else [],
        "unit": unit,
        "label_width": LABEL_WIDTH,
        "height": max(y, BAR_HEIGHT) + 4,
        "width": LABEL_WIDTH + WIDTH + 130,
    }
