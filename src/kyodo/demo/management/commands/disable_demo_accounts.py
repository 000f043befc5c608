from django.core.management.base import BaseCommand

from kyodo.accounts.models import User


class Command(BaseCommand):
    help = "Deactivate every demo account (before serving real data)."

    def handle(self, *args, **options):
        count = 0
        for user in User.objects.filter(is_demo=True, is_active=True):
            user.is_active = False
            user.save(update_fields=["is_active"])
            count += 1
        self.stdout.write(f"Deactivated {count} demo account(s).")
