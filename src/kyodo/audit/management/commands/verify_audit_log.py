from django.core.management.base import BaseCommand, CommandError

from kyodo.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; name the first altered row."

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Audit log altered at row #{result.first_bad_sequence}: {result.reason} "
                f"({result.checked} rows verified before it)"
            )
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {result.checked} rows verified."))
