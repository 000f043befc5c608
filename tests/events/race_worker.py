"""A worker process for test_capacity_race: Django set up once against the race database, then
registrations for the same event at the same moment as the other workers (spawned; nothing Django at
import time). Worker 0 also prepares the database and counts the outcome.
"""

from __future__ import annotations

import os
import traceback
from typing import Any


def serve(number: int, env: dict[str, str], barrier: Any, inbox: Any, outbox: Any) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    while True:
        command, args = inbox.get()
        if command == "stop":
            connection.close()
            outbox.put(("stopped", number))
            return
        try:
            outbox.put(("ok", COMMANDS[command](barrier, number, *args)))
        except BaseException:  # reported to the test, which fails with it
            outbox.put(("error", traceback.format_exc()))


def prepare(_barrier: Any, _number: int) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def new_event(_barrier: Any, _number: int, capacity: int) -> int:
    from tests.events.factories import make_event

    return make_event(capacity=capacity, title=f"競合試験 {capacity}").pk


def register(barrier: Any, number: int, event_pk: int, rounds: int) -> list[str]:
    """``rounds`` times: wait for every worker, then register one person at once with them."""
    from django.core.exceptions import ValidationError

    from kyodo.events.models import Event
    from kyodo.events.registering import register as register_person
    from tests.events.factories import person

    outcomes = []
    for turn in range(rounds):
        event = Event.objects.get(pk=event_pk)
        barrier.wait(timeout=60)
        try:
            outcomes.append(register_person(event, **person(number * 1000 + turn)).status)
        except ValidationError as error:
            outcomes.append(f"refused: {error.messages}")
    return outcomes


def count(_barrier: Any, _number: int, event_pk: int) -> dict[str, int]:
    from django.db.models import Count

    from kyodo.events.models import Registration

    rows = Registration.objects.filter(event_id=event_pk).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


COMMANDS = {"prepare": prepare, "new_event": new_event, "register": register, "count": count}
