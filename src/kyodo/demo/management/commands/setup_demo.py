"""Set up (or bring up to date) a demo instance: migrate, load Ichinoseki, create demo data."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kyodo.communities.loading import load_communities
from kyodo.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from kyodo.demo.steps import run_demo_steps
from kyodo.grants.programs.loading import load_grant_programs
from kyodo.plans.loading import load_promotion_plans


class Command(BaseCommand):
    help = "Migrate, load Ichinoseki's plans and communities, demo content and demo accounts (keeps existing data)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("setup_demo runs only in demo mode (KYODO_DEMO=1).")
        call_command("migrate", interactive=False, verbosity=0)
        plans = load_promotion_plans()
        communities = load_communities()
        load_grant_programs()
        run_demo_steps()  # each app's demo data, in order (kyodo.demo.steps)
        self.stdout.write(f"Loaded: {plans} new plan(s), {communities} new row(s) of communities and districts.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<10} {account.role.label}  — {account.description}")
        self.stdout.write("")
