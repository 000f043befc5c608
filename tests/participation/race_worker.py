"""A worker process for test_capacity_race: Django set up once against the race database, then sign-ups
for the same opportunity at the same moment as the other workers (spawned; nothing Django at import time).
Worker 0 also prepares the database and counts the outcome.
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


def new_opportunity(_barrier: Any, _number: int, capacity: int) -> int:
    from tests.factories import CommunityFactory
    from tests.participation.factories import make_opportunity

    return make_opportunity(CommunityFactory(), capacity=capacity, title=f"競合試験 {capacity}").pk


def sign_up(barrier: Any, number: int, opportunity_pk: int, rounds: int) -> list[str]:
    """``rounds`` times: wait for every worker, then sign one person up at once with them."""
    from django.core.exceptions import ValidationError

    from kyodo.participation.models import Opportunity
    from kyodo.participation.signing_up import sign_up as sign_person_up
    from tests.participation.factories import volunteer

    outcomes = []
    for turn in range(rounds):
        opportunity = Opportunity.objects.get(pk=opportunity_pk)
        barrier.wait(timeout=60)
        try:
            outcomes.append(sign_person_up(opportunity, **volunteer(number * 1000 + turn)).status)
        except ValidationError:
            outcomes.append("refused")
    return outcomes


def count(_barrier: Any, _number: int, opportunity_pk: int) -> int:
    from kyodo.participation.models import Signup

    return Signup.objects.filter(opportunity_id=opportunity_pk).count()


COMMANDS = {"prepare": prepare, "new_opportunity": new_opportunity, "sign_up": sign_up, "count": count}
