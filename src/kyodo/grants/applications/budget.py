"""The year's budget as an invariant: every service that commits money of a rule (an award, an
approved change) first locks the rule's row, then reads what is left.

Without the lock, two awards on different applications of one program and year, decided at the
same moment, each see the whole remaining budget and both pass (on PostgreSQL; SQLite's IMMEDIATE
transactions already run one writer at a time). ``SELECT … FOR UPDATE`` on the rule makes the
second award wait until the first has committed, and PostgreSQL's READ COMMITTED then lets the
second one's sum see the first one's award. The rule's row is also what creating an application
locks, so a rule change cannot slip past the rule lock (``ProgramRule.is_locked``) either.

And a decision or notice number taken by someone else at the same moment is a Japanese
ValidationError (422), not the database's IntegrityError (500).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from kyodo.grants.applications.amounts import remaining_budget_yen
from kyodo.grants.models import ProgramRule

M = TypeVar("M", bound=models.Model)


def lock_rule(rule_id: int) -> ProgramRule:
    """The rule, its row locked until the transaction ends (call inside ``transaction.atomic``)."""
    return ProgramRule.objects.select_for_update().get(pk=rule_id)


def locked_remaining_yen(rule_id: int) -> int:
    """Lock the rule, then what is left of its budget: no other award of the rule can commit in between."""
    return remaining_budget_yen(lock_rule(rule_id))


def create_numbered(model: type[M], *, field: str, message: str, **values: Any) -> M:
    """``model.objects.create(**values)``; a clash on the unique ``field`` (a number someone else
    took at the same moment) is ``ValidationError({field: message})`` and the savepoint is undone."""
    try:
        with transaction.atomic():
            return model._default_manager.create(**values)
    except IntegrityError as error:
        if model._default_manager.filter(**{field: values[field]}).exists():
            raise ValidationError({field: message}) from error
        raise
