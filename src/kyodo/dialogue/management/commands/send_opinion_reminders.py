import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from kyodo.dialogue.reminders import enqueue_due_reminders


class Command(BaseCommand):
    help = (
        "Enqueue the reminders due today to the departments about answers to opinions: 3 days before the answer "
        "due date, and overdue, each once. Cron runs it daily (e.g. 07:00)."
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
        self.stdout.write(self.style.SUCCESS(f"Enqueued {count} opinion reminder(s)."))
