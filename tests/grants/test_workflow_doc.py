"""docs/workflows/grant-applications.md draws exactly the transitions of workflow.TRANSITIONS."""

import re
from pathlib import Path

from kyodo.grants.workflow import ACTION_TARGETS, TRANSITIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflows" / "grant-applications.md"


def test_the_diagram_matches_the_transition_table():
    drawn = set(re.findall(r"^\s+(\w+) --> (\w+): (\w+)", DOC.read_text(), flags=re.MULTILINE))
    expected = {
        (str(source), str(target), action)
        for source, targets in TRANSITIONS.items()
        for target in targets
        for action, action_target in ACTION_TARGETS.items()
        if action_target == target
    }
    assert drawn == expected
