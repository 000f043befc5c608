"""Workflows: one declaration per state machine, and one transition tail for all of them.

A workflow (a grant application's lifecycle, a community's standing, an opinion's path) is declared
once, as a :class:`Workflow` of :class:`Action`s. From that declaration come the services' guard
(:meth:`Workflow.service`), the tail every transition shares (:meth:`Workflow.move`: compare-and-swap
on ``version``, a transition row, an audit event, a notification after commit), the buttons a page
shows (:meth:`Workflow.allowed_actions`, :meth:`Workflow.problem`), the URLs of the actions
(:func:`kyodo.workflows.views.action_urls`) and the state diagram in docs/ (:meth:`Workflow.diagram`).

An invalid state is :class:`InvalidTransition` (a 409 on pages and in the API), never "permission denied".
"""

from __future__ import annotations

from kyodo.workflows.declaration import (
    Action,
    Check,
    InvalidTransition,
    SeparationOfDuties,
    Workflow,
)
from kyodo.workflows.registry import REGISTRY

__all__ = ["REGISTRY", "Action", "Check", "InvalidTransition", "SeparationOfDuties", "Workflow"]
