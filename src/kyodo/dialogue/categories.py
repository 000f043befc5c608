"""The city's list of opinion categories: add and rename (a category in use is never deleted)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.dialogue.models import OpinionCategory


def _ensure_may_manage(actor: Any) -> None:
    if not actor.has_perm("dialogue.manage_categories"):
        raise PermissionDenied(_("この操作を行う権限がありません。"))


@transaction.atomic
def create_category(*, actor: Any, name: str, order: int = 0) -> OpinionCategory:
    _ensure_may_manage(actor)
    category = OpinionCategory.objects.create(name=name.strip(), order=order)
    record_event("opinion_category.create", actor=actor, target=category,
                 summary=f"意見の分類「{category.name}」を追加")
    return category


@transaction.atomic
def update_category(category: OpinionCategory, *, actor: Any, name: str, order: int = 0) -> OpinionCategory:
    _ensure_may_manage(actor)
    before = category.name
    category.name = name.strip()
    category.order = order
    category.save(update_fields=["name", "order"])
    record_event("opinion_category.update", actor=actor, target=category,
                 summary=f"意見の分類「{before}」→「{category.name}」")
    return category
