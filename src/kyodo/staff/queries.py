"""What each role sees first in the work area: the sections the apps contribute (``kyodo.workarea``)."""

from __future__ import annotations

from typing import Any

from kyodo.workarea import sections_for


def workspace_for(user: Any) -> dict[str, Any]:
    """The work area's sections that have something for this user."""
    return {"role": user.role, "sections": sections_for(user)}
