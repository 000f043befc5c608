import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from kyodo.grants.reminders import enqueue_due_reminders


class Command(BaseCommand):
    help = (
        "Enqueue the reminders due today before (and after) grant applications' actuals reports are due: "
        "14 days before, 3 days before, and overdue, each once. Cron runs it daily (e.g. 07:00)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD); for catching up.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"Invalid --date: {options['date']}") from error
        count = enqueue_due_reminders(today)
        self.stdout.write(self.style.SUCCESS(f"Enqueued {count} grant reminder(s)."))
