"""manage.py anonymise_signups [--days N]: remove volunteers' names and contacts after the retention period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kyodo.participation.retention import anonymise, retention_days


class Command(BaseCommand):
    help = "Anonymise volunteer sign-ups whose opportunity ended more than the retention period ago."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=None,
                            help="retention period in days (default: KYODO_PARTICIPATION_RETENTION_DAYS, 3 years)")

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more")
        count = anonymise(days=days)
        kept = days if days is not None else retention_days()
        self.stdout.write(f"anonymised {count} sign-ups (retention {kept} days)")
