"""A long-lived worker process for test_races: Django set up once against the race database, then commands from
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
    from tests.factories import UserFactory

    admins = [UserFactory(username=f"race_city_{n}", role="city_admin") for n in (1, 2)]
    staff = [UserFactory(username=f"race_liaison_{n}", role="liaison") for n in (1, 2, 3)]
    return {"admin_1": admins[0].pk, "admin_2": admins[1].pk, "staff_1": staff[0].pk, "staff_2": staff[1].pk,
            "staff_3": staff[2].pk}


def community(_barrier: Any, liaison_id: int | None) -> dict[str, Any]:
    """A new community, with ``liaison_id`` as its liaison since a year ago (None: no liaison yet)."""
    import datetime as dt

    from django.utils import timezone

    from kyodo.support.models import LiaisonAssignment
    from tests.factories import CommunityFactory, DistrictFactory

    created = CommunityFactory(district=DistrictFactory())
    current = None
    if liaison_id is not None:
        current = LiaisonAssignment.objects.create(community=created, staff_id=liaison_id,
                                                   started_on=timezone.localdate() - dt.timedelta(days=365)).pk
    return {"pk": created.pk, "current": current}


def assign(barrier: Any, actor_id: int, community_id: int, staff_id: int, expected_current: int | None) -> str:
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from kyodo.accounts.models import User
    from kyodo.communities.models import Community
    from kyodo.support.liaisons import assign_liaison

    actor, staff = User.objects.get(pk=actor_id), User.objects.get(pk=staff_id)
    target = Community.objects.get(pk=community_id)
    barrier.wait(timeout=60)
    try:
        assign_liaison(target, actor=actor, staff=staff, started_on=timezone.localdate(),
                       handover_note="引継ぎ", expected_current=expected_current)
    except ValidationError as error:
        return f"refused: {' '.join(error.messages)}"
    return "won"


def request(_barrier: Any, community_id: int, member_id: int) -> dict[str, int]:
    from django.utils import timezone

    from kyodo.support.models import DispatchRequest

    created = DispatchRequest.objects.create(community_id=community_id, requested_by_id=member_id,
                                             requested_on=timezone.localdate(), purpose="plan_revision",
                                             preferred_dates="平日の夜")
    return {"pk": created.pk, "version": created.version}


def accept(barrier: Any, actor_id: int, request_id: int, version: int, staff_id: int) -> str:
    from kyodo.accounts.models import User
    from kyodo.support.dispatch import accept as accept_request
    from kyodo.support.models import DispatchRequest

    actor, staff = User.objects.get(pk=actor_id), User.objects.get(pk=staff_id)
    dispatch_request = DispatchRequest.objects.get(pk=request_id)
    barrier.wait(timeout=60)
    try:
        accept_request(dispatch_request, actor=actor, version=version, staff=staff)
    except Exception as error:  # the loser's refusal, in Japanese
        return f"refused: {error}"
    return "won"


def inspect(_barrier: Any, community_id: int, request_id: int | None = None) -> dict[str, Any]:
    from kyodo.audit.models import AuditEvent
    from kyodo.support.models import DispatchRequest, LiaisonAssignment

    assignments = LiaisonAssignment.objects.filter(community_id=community_id)
    found: dict[str, Any] = {
        "open": assignments.filter(ended_on__isnull=True).count(),
        "assignments": assignments.count(),
        "assigned_events": AuditEvent.objects.filter(action="liaison.assigned",
                                                     object_id__in=[str(pk) for pk in assignments.values_list(
                                                         "pk", flat=True)]).count(),
    }
    if request_id is not None:
        dispatch_request = DispatchRequest.objects.get(pk=request_id)
        found |= {"status": dispatch_request.status, "version": dispatch_request.version,
                  "staff": dispatch_request.assigned_staff_id, "transitions": dispatch_request.transitions.count(),
                  "events": AuditEvent.objects.filter(action="staff_dispatch.accept",
                                                      object_id=str(request_id)).count()}
    return found


COMMANDS = {"prepare": prepare, "community": community, "assign": assign, "request": request, "accept": accept,
            "inspect": inspect}
