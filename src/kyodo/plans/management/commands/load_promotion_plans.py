"""manage.py load_promotion_plans: create the city's promotion plans from the data file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from kyodo.plans.loading import PlanDataError, load_promotion_plans


class Command(BaseCommand):
    help = "Register the promotion plans from the data file; plans whose number is already registered are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=None, help="TOML data file (default: Ichinoseki's plans)")

    def handle(self, *args: Any, path: Path | None = None, **options: Any) -> None:
        try:
            created = load_promotion_plans(path)
        except (PlanDataError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(gettext("推進計画を%(count)s件登録しました。") % {"count": created}))
