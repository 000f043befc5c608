"""Workflows: one declaration per state machine, and one transition tail for all of them.

An invalid state is ``InvalidTransition`` (a 409 on pages and in the API), never "permission denied".
"""

from __future__ import annotations


class InvalidTransition(Exception):
    """The object is not in a state that allows this action (answered with 409 Conflict)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return self.message
