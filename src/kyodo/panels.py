"""Panels other apps add to a page they do not own (a community's public page, its staff page).

The communities app knows nothing of meetings, liaisons or events; those apps register a provider with
``@panel(slot, order)`` in a module their ``apps.py`` imports in ``ready()``, and the page renders
``panels_for(slot, request, obj)`` with ``templates/panels/slot.html``. A provider answers ``None`` when it has
nothing to show, and runs a fixed number of queries whatever the amount of data.

Slots:
- ``community``: the public page of a community (``/communities/<slug>/``); anyone may see it, so a provider
  shows public facts only (no residents' names, no internal notes).
- ``community_staff``: the staff page of a community (``/staff/communities/<slug>/``); the provider checks the
  user's permission for what it shows.
- ``event``: the public page of an event (``/events/<pk>/``); public facts only, like ``community``.
- ``event_staff``: the organisers' page of an event (``/staff/events/<pk>/``).
- ``measure``: the public page of a plan's measure (``/plans/<n>/measures/<m>/``); public facts only.
- ``home``: the public home page (``obj`` is ``None``); public facts only, a few items each, and the
  ``panels/links.html`` template shows a provider's ``links`` (a list of ``Link``) and its ``more`` link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

SLOTS = ("community", "community_staff", "event", "event_staff", "measure", "home")


@dataclass
class Panel:
    """One app's part of another app's page: a heading, the app's template and its context."""

    key: str
    title: Any
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Link:
    """One line of a list of links: where it goes, what it says, a short fact after it (a date)."""

    url: str
    label: Any
    meta: Any = ""


def links_panel(key: str, title: Any, links: list[Link], *, more_url: str, more_label: Any) -> Panel | None:
    """A panel listing ``links`` with a link to the whole list; ``None`` when there is nothing to list."""
    if not links:
        return None
    return Panel(key, title, "panels/links.html", {"links": links, "more_url": more_url, "more_label": more_label})


Provider = Callable[[HttpRequest, Any], Panel | None]
_PROVIDERS: dict[str, list[tuple[int, str, Provider]]] = {slot: [] for slot in SLOTS}


def panel(slot: str, order: int) -> Callable[[Provider], Provider]:
    """Register ``provider(request, obj) -> Panel | None`` on ``slot`` at ``order`` (smaller first)."""
    if slot not in _PROVIDERS:
        raise ValueError(f"unknown panel slot {slot!r}; known: {', '.join(SLOTS)}")

    def register(provider: Provider) -> Provider:
        key = f"{provider.__module__}.{provider.__qualname__}"
        entries = _PROVIDERS[slot]
        if not any(existing == key for _order, existing, _provider in entries):
            entries.append((order, key, provider))
            entries.sort(key=lambda entry: (entry[0], entry[1]))
        return provider

    return register


def panels_for(slot: str, request: HttpRequest, obj: Any) -> list[Panel]:
    """The panels that have something to show for ``obj`` on ``slot``, in order."""
    found = (provider(request, obj) for _order, _key, provider in _PROVIDERS[slot])
    return [item for item in found if item is not None]
