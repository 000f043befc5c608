"""docs/workflows/grant-applications.md draws exactly the declared workflow (its diagram is generated)."""

from pathlib import Path

from kyodo.grants.workflow import APPLICATION_WORKFLOW

DOC = Path(__file__).resolve().parents[2] / "docs" / "workflows" / "grant-applications.md"


def test_the_diagram_is_the_declaration():
    diagram = APPLICATION_WORKFLOW.diagram()
    assert f"```mermaid\n{diagram}\n```" in DOC.read_text(), (
        f"docs/workflows/grant-applications.md must hold the diagram drawn from the declaration:\n{diagram}")
