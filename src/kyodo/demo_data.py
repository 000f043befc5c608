"""Demo data: rows made up for demonstrations, marked so that nobody takes them for the city's."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoData(models.Model):
    """A row that may be demo data: pages show it with a 「デモデータ」 badge."""

    is_demo_data = models.BooleanField(_("デモデータ"), default=False)

    class Meta:
        abstract = True
