"""The signed-in work area (/staff/): each app adds a section for the people it concerns.

A section holds the user's to-do items — what waits on them, with counts, due dates and links — and
links to the app's pages. Apps register a provider with ``@section(order)`` from a module their
``apps.py`` imports in ``ready()``; the work area shows the sections that have something for the user.
A provider runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToDo:
    """Something waiting on the user: what, how many, where to do it, and by when."""

    label: Any
    count: int
    url: str
    due_on: dt.date | None = None
    overdue: bool = False
    detail: Any = ""


@dataclass(frozen=True)
class Link:
    """A page of the app the user works in."""

    label: Any
    url: str
    description: Any = ""


@dataclass
class Section:
    """One app's part of the work area."""

    key: str
    title: Any
    to_do: list[ToDo] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    template: str = ""  # a template of the app's own, for what is more than to-dos and links
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.to_do or self.links or self.template)


Provider = Callable[[Any], Section | None]
_PROVIDERS: list[tuple[int, str, Provider]] = []


def section(order: int) -> Callable[[Provider], Provider]:
    """Register ``provider(user) -> Section | None`` at ``order`` (smaller first)."""

    def register(provider: Provider) -> Provider:
        key = f"{provider.__module__}.{provider.__qualname__}"
        if not any(existing == key for _order, existing, _provider in _PROVIDERS):
            _PROVIDERS.append((order, key, provider))
            _PROVIDERS.sort(key=lambda entry: (entry[0], entry[1]))
        return provider

    return register


def sections_for(user: Any) -> list[Section]:
    """The sections that have something for ``user``, in order."""
    found = (provider(user) for _order, _key, provider in _PROVIDERS)
    return [item for item in found if item is not None and not item.is_empty]
