"""Participating companies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kyodo.demo_data import DemoData


class Company(DemoData):
    """A company or business that takes part in community collaboration (企業の参画)."""

    name = models.CharField(_("企業名"), max_length=200, unique=True)
    slug = models.SlugField(_("識別子"), unique=True)
    description = models.TextField(_("紹介"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("企業")
        verbose_name_plural = _("企業")

    def __str__(self) -> str:
        return self.name
