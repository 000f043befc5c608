"""Two reviewers recommend the same application at the same moment: exactly one wins."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from kyodo.audit.models import AuditEvent
from kyodo.grants import applications as services
from kyodo.grants.models import Application, Transition
from kyodo.grants.workflow import InvalidTransition
from kyodo.locking import StaleObject
from tests.grants.factories import make_application

TRIALS = 20


def _recommend(pk: int, user, version: int, barrier: threading.Barrier, outcomes: list[str]) -> None:
    """In its own thread, hence its own database connection."""
    try:
        barrier.wait()
        for _attempt in range(200):
            try:
                services.recommend_application(Application.objects.get(pk=pk), actor=user, version=version)
            except OperationalError:  # the in-memory test database answers "locked" instead of waiting
                time.sleep(0.005)
                continue
            except (StaleObject, InvalidTransition):
                outcomes.append("lost")
                return
            outcomes.append("won")
            return
        outcomes.append("gave up")
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_exactly_one_of_two_simultaneous_recommendations_wins(world):
    application = make_application(world.community_a, status="submitted")
    reviewers = [world.users["branch_staff"], world.users["city_admin"]]
    for _trial in range(TRIALS):
        Application.objects.filter(pk=application.pk).update(status="submitted", recommended_by=None)
        version = Application.objects.get(pk=application.pk).version
        transitions, events = Transition.objects.count(), AuditEvent.objects.count()
        barrier = threading.Barrier(2)
        outcomes: list[str] = []
        threads = [threading.Thread(target=_recommend, args=(application.pk, user, version, barrier, outcomes))
                   for user in reviewers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(outcomes) == ["lost", "won"]
        fresh = Application.objects.get(pk=application.pk)
        assert fresh.status == "recommended" and fresh.version == version + 1
        assert Transition.objects.count() == transitions + 1
        assert AuditEvent.objects.count() == events + 1
