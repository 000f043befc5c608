"""Every declared workflow by name: the notification task finds its workflow here."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyodo.workflows.declaration import Workflow

REGISTRY: dict[str, Workflow] = {}
