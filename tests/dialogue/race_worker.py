"""A long-lived worker process for test_race: Django set up once against the race database, then commands from
the test one at a time (spawned; nothing Django at import time). Worker "a" also prepares and inspects."""

from __future__ import annotations

import os
import traceback
from typing import Any


def serve(name: str, env: dict[str, str], barrier: Any, inbox: Any, outbox: Any) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    while True:
        command, args = inbox.get()
        if command == "stop":
            connection.close()
            outbox.put(("stopped", name))
            return
        try:
            outbox.put(("ok", COMMANDS[command](barrier, *args)))
        except BaseException:
            outbox.put(("error", traceback.format_exc()))


def prepare(_barrier: Any) -> dict[str, int]:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from tests.factories import CommunityFactory, DistrictFactory, UserFactory

    admins = [UserFactory(username=f"race_city_{n}", role="city_admin") for n in (1, 2)]
    community = CommunityFactory(district=DistrictFactory())
    return {"admin_1": admins[0].pk, "admin_2": admins[1].pk, "community": community.pk}


def fresh(_barrier: Any, community_id: int, status: str) -> dict[str, int]:
    """A new opinion in ``status`` (an overdue one for the reminder race)."""
    import datetime as dt

    from django.utils import timezone

    from kyodo.communities.models import Community
    from tests.dialogue.factories import opinion_in_state

    opinion = opinion_in_state(Community.objects.get(pk=community_id), status,
                               received_on=timezone.localdate() - dt.timedelta(days=40), due_in_days=30)
    return {"pk": opinion.pk, "version": opinion.version}


def publish(barrier: Any, admin_id: int, opinion_id: int, version: int) -> str:
    from kyodo.accounts.models import User
    from kyodo.dialogue.models import Opinion
    from kyodo.dialogue.workflow import OPINION_WORKFLOW

    actor = User.objects.get(pk=admin_id)
    opinion = Opinion.objects.get(pk=opinion_id)
    barrier.wait(timeout=60)
    try:
        OPINION_WORKFLOW.service_for("publish")(opinion, actor=actor, version=version)
    except Exception as error:  # the loser's refusal, in Japanese
        return f"refused: {error}"
    return "won"


def remind(barrier: Any, opinion_id: int) -> bool:
    from kyodo.dialogue.reminders import send_answer_reminder

    barrier.wait(timeout=60)
    return bool(send_answer_reminder.call(opinion_id, "overdue"))


def inspect(_barrier: Any, opinion_id: int) -> dict[str, Any]:
    from kyodo.audit.models import AuditEvent
    from kyodo.dialogue.models import AnswerReminder, Opinion, OpinionTransition

    return {
        "status": Opinion.objects.get(pk=opinion_id).status,
        "transitions": OpinionTransition.objects.filter(opinion_id=opinion_id, action="publish").count(),
        "events": AuditEvent.objects.filter(action="opinion.publish", object_id=str(opinion_id)).count(),
        "reminders": AnswerReminder.objects.filter(opinion_id=opinion_id).count(),
        "reminder_events": AuditEvent.objects.filter(action="opinion.reminded", object_id=str(opinion_id)).count(),
    }


COMMANDS = {"prepare": prepare, "fresh": fresh, "publish": publish, "remind": remind, "inspect": inspect}
