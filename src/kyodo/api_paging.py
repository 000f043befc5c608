"""One envelope for every API list: ``{"count", "limit", "offset", "items"}``.

``limit`` is 1–100 (default 50) and ``offset`` 0–1,000,000; anything else is a 422 in the
one error format, before any query runs. A list operation returns a QuerySet (counted and
sliced in the database: one ``COUNT`` plus the page, with its select_related/prefetch) or a
list it has computed, and declares ``response=list[ItemOut]``::

    @router.get("", response=list[CommunitySummaryOut])
    @paginated
    @api_public
    def list_communities(request): ...

The spec names the envelope ``Paged<ItemOut>``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase, paginate

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


class PageIn(PaginationBase.Input):
    """Which page of a list: ``limit`` items after the first ``offset``."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip (0–1,000,000).")


class LimitOffsetPage(PaginationBase):
    """Paging by ``limit`` and ``offset``, answered with the count of the whole list."""

    Input = PageIn  # type: ignore[assignment]  # named PageIn in the spec, not "Input"

    class Output(Schema):
        count: int = Field(description="How many items the whole list has.")
        limit: int
        offset: int
        items: list[Any]

    def paginate_queryset(self, queryset: Any, pagination: PageIn, request: HttpRequest, **params: Any) -> Any:
        """One page of ``queryset`` (a QuerySet or a list) with the count of all of it."""
        start, stop = pagination.offset, pagination.offset + pagination.limit
        return {
            "count": self._items_count(queryset),
            "limit": pagination.limit,
            "offset": pagination.offset,
            "items": queryset[start:stop],
        }


def paginated(view: ViewFunc) -> ViewFunc:
    """Answer the operation's list as one page of the envelope, with ``limit`` and ``offset``."""
    # Ninja reads the paging wrapper's signature with ninja's module globals: evaluate the
    # view's string annotations here, in the view's own module.
    view.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    return paginate(LimitOffsetPage)(view)  # type: ignore[no-any-return]
