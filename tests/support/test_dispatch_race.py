"""Two people decide the same request at the same moment, from two threads: exactly one decision is kept, the
other is refused, and the request has one transition and one audit event of it. Threads on different requests
do not block each other's success."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from kyodo.audit.models import AuditEvent
from kyodo.locking import StaleObject
from kyodo.support.dispatch import accept, decline
from kyodo.workflows import InvalidTransition
from tests.support.dispatch_factories import make_request

TRIALS = 10


def _race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("won")
        except (StaleObject, InvalidTransition):
            outcomes.append("lost")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_one_wins(world):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("an in-memory SQLite database is not shared by threads; the race runs on PostgreSQL "
                    "(and on SQLite with a file database, KYODO_SQLITE_PATH)")
    city, branch, liaison = world.users["city_admin"], world.users["branch_staff"], world.users["liaison"]
    for _ in range(TRIALS):
        request, elsewhere = make_request(world), make_request(world, "other")
        version = request.version
        outcomes = _race([
            lambda r=request, v=version: accept(r, actor=branch, version=v, staff=liaison),
            lambda r=request, v=version: decline(r, actor=city, version=v, reason="重複した依頼のため"),
            lambda e=elsewhere: accept(e, actor=city, version=e.version, staff=liaison),
        ])
        assert sorted(outcomes) == ["lost", "won", "won"], outcomes
        request.refresh_from_db()
        assert request.status in ("accepted", "declined") and request.version == version + 1
        assert request.transitions.count() == 1
        assert AuditEvent.objects.filter(action__startswith="staff_dispatch.", object_id=str(request.pk)).count() == 1
        elsewhere.refresh_from_db()
        assert elsewhere.status == "accepted"
