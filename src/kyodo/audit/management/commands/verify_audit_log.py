from django.core.management.base import BaseCommand, CommandError

from kyodo.audit.checkpoints import checkpoint_problems, read_checkpoints
from kyodo.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and compare it with the checkpoints; name the first altered row."

    def handle(self, *args, **options):
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Audit log altered at row #{result.first_bad_sequence}: {result.reason} "
                f"({result.checked} rows verified before it)"
            )
        try:
            problems = checkpoint_problems()
        except ValueError as error:
            raise CommandError(f"Checkpoint file unreadable: {error}") from error
        if problems:
            raise CommandError("Audit log does not match its checkpoints: " + "; ".join(problems))
        self.stdout.write(self.style.SUCCESS(
            f"Audit log intact: {result.checked} rows verified, {len(read_checkpoints())} checkpoints matched."))
