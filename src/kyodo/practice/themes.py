"""The city's list of activity-report themes (防災, 子育て…): add, rename, reorder; a theme in use is kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.practice.models import PracticeTheme

MANAGE = "practice.manage_themes"


def _ensure_may_manage(actor: Any) -> None:
    if not actor.has_perm(MANAGE):
        raise PermissionDenied(_("この操作を行う権限がありません。"))


@transaction.atomic
def create_theme(*, actor: Any, name: str, slug: str, order: int = 100) -> PracticeTheme:
    _ensure_may_manage(actor)
    theme = PracticeTheme.objects.create(name=name.strip(), slug=slug, order=order)
    record_event("practice_theme.create", actor=actor, target=theme, summary=f"活動事例のテーマ「{theme.name}」を追加",
                 data={"name": theme.name, "slug": theme.slug, "order": theme.order})
    return theme


@transaction.atomic
def update_theme(theme: PracticeTheme, *, actor: Any, name: str, slug: str, order: int = 100) -> PracticeTheme:
    _ensure_may_manage(actor)
    before = {"name": theme.name, "slug": theme.slug, "order": theme.order}
    theme.name, theme.slug, theme.order = name.strip(), slug, order
    theme.save(update_fields=["name", "slug", "order"])
    record_event("practice_theme.update", actor=actor, target=theme,
                 summary=f"活動事例のテーマ「{before['name']}」→「{theme.name}」",
                 data={"before": before, "after": {"name": theme.name, "slug": theme.slug, "order": theme.order}})
    return theme
