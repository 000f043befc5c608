"""Deactivating an account ends every session of that user (ASVS 7.4.2)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from kyodo.accounts.models import User


@receiver(pre_save, sender=User, dispatch_uid="kyodo.accounts.end_sessions_on_disable")
def end_sessions_when_disabled(sender: Any, instance: User, **kwargs: Any) -> None:
    if instance.pk is None or instance.is_active:
        return
    was_active = User.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        from kyodo.accounts.services import end_all_sessions

        end_all_sessions(instance)
