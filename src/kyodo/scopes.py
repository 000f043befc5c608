"""Scopes: which rows of a model a user may see, written once as a filter and used everywhere.

A :class:`Scope` is one function from a user to a ``Q`` filter. Lists use :meth:`Scope.queryset`;
the rules predicate made by :meth:`Scope.predicate` asks whether the object is in that same
queryset. "May see this object" and "this object is in my list" cannot disagree, for any role or
any combination of duties (a branch officer who is also the liaison of a community elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import rules
from django.db import models
from django.db.models import Q, QuerySet

ModelT = TypeVar("ModelT", bound=models.Model)

NOTHING = Q(pk__in=[])
"""A filter no row passes."""

EVERYTHING = Q()
"""A filter every row passes."""


def is_signed_in(user: Any) -> bool:
    """An active, authenticated account (scopes of everyone else are empty)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


class Scope(Generic[ModelT]):
    """The rows of ``model`` a user may see: ``condition(user)`` is their filter."""

    def __init__(self, model: type[ModelT], condition: Callable[[Any], Q], *, name: str) -> None:
        self.model = model
        self.condition = condition
        self.name = name

    def __repr__(self) -> str:
        return f"<Scope {self.name}>"

    def filter(self, user: Any) -> Q:
        """The user's filter (nothing for anonymous or inactive users)."""
        return self.condition(user) if is_signed_in(user) else NOTHING

    def queryset(self, user: Any, queryset: QuerySet[ModelT] | None = None) -> QuerySet[ModelT]:
        """``queryset`` (default: every row) narrowed to what ``user`` may see."""
        rows = self.model._default_manager.all() if queryset is None else queryset
        condition = self.filter(user)
        if condition == NOTHING:
            return rows.none()
        return rows.filter(condition) if condition != EVERYTHING else rows

    def contains(self, user: Any, obj: Any) -> bool:
        """Whether ``obj`` is in the user's scope (one query; none for an empty or a full scope)."""
        if obj is None or not isinstance(obj, self.model):
            return False
        condition = self.filter(user)
        if condition == NOTHING:
            return False
        if condition == EVERYTHING:
            return True
        return self.model._default_manager.filter(condition, pk=obj.pk).exists()

    def predicate(self) -> Any:
        """A rules predicate: the object is in the user's scope."""

        def in_scope(user: Any, obj: Any) -> bool:
            return self.contains(user, obj)

        in_scope.__name__ = f"in_{self.name}"
        return rules.predicate(in_scope, name=f"in_{self.name}")
