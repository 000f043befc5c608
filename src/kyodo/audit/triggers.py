"""Database triggers that make the audit table append-only, on SQLite and PostgreSQL.

Maintenance (the test suite's table flush, a documented retention purge) runs inside
``maintenance()``, which the triggers recognise per connection: on PostgreSQL a session
setting, on SQLite a function registered on the connection. A connection that does not
know the function (the sqlite3 shell) cannot change the table at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

TABLE = "audit_auditevent"
_state = threading.local()

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON {TABLE}
        WHEN kyodo_audit_locked() BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE}
        WHEN kyodo_audit_locked() BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
]

POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION kyodo_audit_refuse() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('kyodo.audit_maintenance', true), '') = 'on' THEN
            IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            IF TG_LEVEL = 'ROW' THEN RETURN NEW; END IF;
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'audit log is append-only (% refused)', TG_OP;
    END;
    $$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {TABLE}",
    f"""CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION kyodo_audit_refuse()""",
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION kyodo_audit_refuse()""",
]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS kyodo_audit_refuse()",
]


def _locked() -> int:
    return 0 if getattr(_state, "maintenance", False) else 1


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give each new SQLite connection the function the triggers ask."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("kyodo_audit_locked", 0, _locked, deterministic=False)


def install_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL}.get(vendor, [])


def remove_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_REMOVE, "postgresql": POSTGRES_REMOVE}.get(vendor, [])


def install(schema_editor: Any) -> None:
    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def remove(schema_editor: Any) -> None:
    for statement in remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


@contextmanager
def maintenance() -> Iterator[None]:
    """Let this connection change the audit table (flush in tests, a documented purge)."""
    _state.maintenance = True
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET kyodo.audit_maintenance = 'on'")
    try:
        yield
    finally:
        _state.maintenance = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET kyodo.audit_maintenance")
