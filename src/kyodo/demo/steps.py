"""The demo data, built step by step: each app registers how it makes its part (``@demo_step(order)``,
from a module its ``apps.py`` imports in ``ready()``), and ``setup_demo`` runs the steps in order.

Every step is idempotent (it keeps what exists) and places its data relative to today, so the demo can be
walked on whatever date it is set up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Step = Callable[[], Any]
_STEPS: list[tuple[int, str, Step]] = []


def demo_step(order: int) -> Callable[[Step], Step]:
    """Register ``step()`` at ``order`` (smaller first): communities 10, accounts 20, grants 30, later apps after."""

    def register(step: Step) -> Step:
        name = f"{step.__module__}.{step.__qualname__}"
        if not any(existing == name for _order, existing, _step in _STEPS):
            _STEPS.append((order, name, step))
            _STEPS.sort(key=lambda entry: (entry[0], entry[1]))
        return step

    return register


def run_demo_steps() -> list[tuple[str, Any]]:
    """Run every registered step in order; (step name, what it returned)."""
    return [(name, step()) for _order, name, step in _STEPS]
