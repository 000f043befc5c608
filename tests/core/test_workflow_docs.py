"""docs/workflows/<name>.md holds each declared workflow's diagram, drawn from its declaration."""

from pathlib import Path

import pytest

from kyodo.workflows import REGISTRY

DOCS = Path(__file__).resolve().parents[2] / "docs" / "workflows"
DECLARED = sorted(name for name, workflow in REGISTRY.items()
                  if workflow.states.__module__.startswith("kyodo."))


def test_the_apps_declare_their_workflows():
    assert {"grant_application", "community_standing"} <= set(DECLARED)


@pytest.mark.parametrize("name", DECLARED)
def test_the_diagram_is_the_declaration(name):
    diagram = REGISTRY[name].diagram()
    page = DOCS / f"{name}.md"
    assert page.exists(), f"docs/workflows/{name}.md is missing; it must hold:\n```mermaid\n{diagram}\n```"
    assert f"```mermaid\n{diagram}\n```" in page.read_text(), (
        f"docs/workflows/{name}.md must hold the diagram drawn from the declaration:\n{diagram}")
