from django.core.management.base import BaseCommand

from kyodo.audit.checkpoints import checkpoint_file, write_checkpoint


class Command(BaseCommand):
    help = "Append the audit log's head (sequence, hash, time) to the checkpoint file and the application log."

    def handle(self, *args, **options):
        point = write_checkpoint()
        if point is None:
            self.stdout.write("The audit log is empty: no checkpoint.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Checkpoint #{point.sequence} {point.hash} written to {checkpoint_file()}."))
