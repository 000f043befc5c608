"""`make run` on a fresh machine: setup_demo must work on an empty database."""

import pytest
from django.core.management import call_command

from kyodo.accounts.models import User


@pytest.mark.django_db
def test_setup_demo_runs_on_an_empty_database(settings):
    settings.DEMO_MODE = True
    call_command("setup_demo", verbosity=0, stdout=None)
    assert set(User.objects.filter(is_demo=True).values_list("username", flat=True)) >= {
        "city", "branch", "liaison", "dept", "community", "advisor", "company"
    }
