"""manage.py load_demo_communities: fictional officers, member organisations and plans (demo only)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kyodo.communities.demo import create_demo_content
from kyodo.communities.loading import load_communities


class Command(BaseCommand):
    help = "Load the communities if needed, then add fictional officers, member organisations and plans."

    def handle(self, *args, **options):
        load_communities()
        create_demo_content()
        self.stdout.write("communities: demo content ready")
