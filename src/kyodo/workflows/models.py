"""The transition row every workflow writes: who moved the object, when, from which state to which, why."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TransitionRecord(models.Model):
    """One step of an object's timeline. A concrete subclass adds the foreign key to its object
    (the workflow's ``subject_field``) and names its workflow in ``workflow_name``."""

    workflow_name: ClassVar[str] = ""

    from_status = models.CharField(_("変更前"), max_length=20)
    to_status = models.CharField(_("変更後"), max_length=20)
    action = models.CharField(_("操作"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作者"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("コメント"), blank=True)
    occurred_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"

    @property
    def workflow(self):  # type: ignore[no-untyped-def]
        from kyodo.workflows.registry import REGISTRY

        return REGISTRY[self.workflow_name]

    @property
    def action_noun(self) -> str:
        """What happened, for timelines: 「交付決定」."""
        action = self.workflow.actions.get(self.action)
        return str(action.noun) if action else self.action

    @property
    def from_label(self) -> str:
        return self.workflow.label(self.from_status)

    @property
    def to_label(self) -> str:
        return self.workflow.label(self.to_status)

    @property
    def changed_state(self) -> bool:
        return self.from_status != self.to_status
