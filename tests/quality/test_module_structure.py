"""The code's shape: no module over 500 lines, no import circle between modules, no private helper
imported across modules (a helper two modules need is public, in a module named after its concept)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "kyodo").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node, except those under ``if TYPE_CHECKING:`` (imports for the type checker only)."""
    found: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return found


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) the module imports when it runs, at its top or inside a function."""
    found = []
    for node in _runtime_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
    return found


def _targets(module: str, names: list[str]) -> set[str]:
    """The kyodo modules an import statement loads: the module, or its submodules named in ``names``."""
    targets = {f"{module}.{name}" for name in names if f"{module}.{name}" in MODULES}
    if module in MODULES:
        targets.add(module)
    return targets


def test_no_module_is_over_500_lines():
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_no_import_circle():
    """Not even through an import inside a function: a circle broken that way is still two modules that
    each need the other (the grants services once were)."""
    graph = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names in _imports(path):
            if module.startswith("kyodo"):
                graph[name] |= _targets(module, names) - {name}
    # Packages import their children in __init__; a child importing its package's __init__ is not a circle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    circles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                circles.append([*trail[trail.index(target):], target] if target in trail else [node, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_no_private_helper_is_imported_across_modules():
    crossing = [
        f"{name}: from {module} import {imported}"
        for name, path in MODULES.items()
        for module, names in _imports(path)
        if module.startswith("kyodo")
        for imported in names
        if imported.startswith("_") and not imported.startswith("__")
    ]
    assert crossing == []
