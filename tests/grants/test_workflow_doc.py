"""docs/workflows/grant-applications.md draws exactly the actions of workflow.ACTIONS."""

import re
from pathlib import Path

from kyodo.grants.workflow import ACTIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflows" / "grant-applications.md"


def test_the_diagram_matches_the_action_table():
    drawn = set(re.findall(r"^\s+(\w+) --> (\w+): (\w+)", DOC.read_text(), flags=re.MULTILINE))
    expected = {
        (str(source), str(target), action)
        for action, (sources, target) in ACTIONS.items()
        for source in sources
    }
    assert drawn == expected
