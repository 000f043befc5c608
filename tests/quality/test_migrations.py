"""Every app's migrations apply backward to zero and forward again (S21), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from kyodo.audit.triggers import maintenance


def kyodo_apps() -> list[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(
        config.label for config in apps.get_app_configs()
        if config.name.startswith("kyodo.") and config.label in loader.migrated_apps
    )


@pytest.mark.django_db(transaction=True)
def test_migrations_run_backward_to_zero_and_forward_again():
    # Unapplying kyodo's first app takes every app that depends on it along.
    with maintenance():
        for label in reversed(kyodo_apps()):
            call_command("migrate", label, "zero", verbosity=0, interactive=False)
    tables = set(connection.introspection.table_names())
    left = sorted(t for t in tables if t.split("_")[0] in set(kyodo_apps()))
    assert left == [], f"tables left after migrating to zero: {left}"
    call_command("migrate", verbosity=0, interactive=False)
    tables = set(connection.introspection.table_names())
    assert {"accounts_user", "audit_auditevent"} <= tables or "accounts_user" in tables
