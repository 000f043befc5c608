"""Four times the capacity of registrations for one event, from four PROCESSES at the same moments:
exactly the capacity is confirmed, the rest wait, on the database the suite runs on.

SQLite: a temporary database file (the test database may live in memory, out of other processes'
reach). PostgreSQL: a database of its own, ``<name>_evrace_<xdist worker>_<pid>``, created and dropped
here. Each worker registers one person per round; all four meet at a Barrier before every round.
"""

from __future__ import annotations

import pytest

from tests.events import race_worker
from tests.race import started_workers

WORKERS = 4
CAPACITIES = (1, 3, 5)


@pytest.fixture
def workers(tmp_path):
    with started_workers(race_worker.serve, tmp_path, tag="evrace", names=range(WORKERS)) as started:
        yield started


def test_four_times_the_capacity_at_once_confirms_exactly_the_capacity(workers):
    for capacity in CAPACITIES:
        event_pk = workers.ask(0, "new_event", capacity)
        answers = workers.each("register", {number: (event_pk, capacity) for number in range(WORKERS)})
        outcomes = [status for answer in answers for status in answer]
        assert len(outcomes) == WORKERS * capacity
        assert outcomes.count("confirmed") == capacity, outcomes
        assert outcomes.count("waiting") == (WORKERS - 1) * capacity, outcomes
        assert workers.ask(0, "count", event_pk) == {"confirmed": capacity, "waiting": (WORKERS - 1) * capacity}
