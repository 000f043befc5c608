"""Run axe-core (vendored under static/vendor/axe-core) in the page and return its violations.

The site's CSP forbids inline scripts, so ``page.add_script_tag(path=…)`` (which inlines
the file) is blocked; ``page.evaluate`` runs through the DevTools protocol, which CSP does
not govern, so the library is evaluated from its source text instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import kyodo

AXE_PATH = Path(kyodo.__file__).parent / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || "").slice(0, 300)})),
  }));
}
"""


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}) — {self.help} — {', '.join(self.targets[:5])}"


def audit(page, label: str) -> list[Violation]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    found = page.evaluate(_RUN, WCAG_TAGS)
    return [
        Violation(label, v["id"], v["impact"] or "", v["help"], tuple(n["target"] for n in v["nodes"]))
        for v in found
    ]
