"""manage.py load_communities [path]: the city's branch offices, districts and community bodies."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kyodo.communities.loading import DataFileError, load_communities


class Command(BaseCommand):
    help = "Load branch offices, districts (with population per fiscal year) and community bodies; keeps existing rows."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="TOML data file (default: Ichinoseki)")

    def handle(self, *args, path=None, **options):
        try:
            created = load_communities(path)
        except (DataFileError, OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"communities: {created} rows created")
