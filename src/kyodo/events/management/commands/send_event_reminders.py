import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from kyodo.events.reminders import enqueue_reminders


class Command(BaseCommand):
    help = (
        "Enqueue the day-before reminders to the people registered (by e-mail) for the events starting tomorrow; "
        "each person once. Cron runs it daily (e.g. 09:00)."
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
        count = enqueue_reminders(today)
        self.stdout.write(self.style.SUCCESS(f"Enqueued the reminders of {count} event(s)."))
