from django.core.management.base import BaseCommand, CommandError

from kyodo.audit.verification import run_verification, start_verification


class Command(BaseCommand):
    help = ("Verify the audit log's hash chain and compare it with the checkpoints; name the first altered row. "
            "The result is kept for the staff page (/staff/audit/).")

    def handle(self, *args, **options):
        verification = run_verification(start_verification(requested_by="manage.py verify_audit_log"))
        if verification.first_bad_sequence is not None:
            raise CommandError(
                f"Audit log altered at row #{verification.first_bad_sequence}: {verification.reason} "
                f"({verification.checked_rows} rows verified before it)"
            )
        if not verification.is_ok:
            if verification.reason.startswith("checkpoint file unreadable"):
                raise CommandError(f"Checkpoint file unreadable: {verification.reason}")
            raise CommandError("Audit log does not match its checkpoints: " + verification.reason)
        self.stdout.write(self.style.SUCCESS(
            f"Audit log intact: {verification.checked_rows} rows verified, "
            f"{verification.checkpoints_checked} checkpoints matched."))
