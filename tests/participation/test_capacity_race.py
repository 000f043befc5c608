"""Four times the capacity of sign-ups for one opportunity, from four PROCESSES at the same moments:
exactly the capacity is accepted, the rest refused, on the database the suite runs on (the events'
race database, tests/race.py: a temporary SQLite file, or a PostgreSQL database of its own)."""

from __future__ import annotations

import pytest

from tests.participation import race_worker
from tests.race import started_workers

WORKERS = 4
CAPACITIES = (1, 3, 5)


@pytest.fixture
def workers(tmp_path):
    with started_workers(race_worker.serve, tmp_path, tag="prace", names=range(WORKERS)) as started:
        yield started


def test_four_times_the_capacity_at_once_accepts_exactly_the_capacity(workers):
    for capacity in CAPACITIES:
        opportunity_pk = workers.ask(0, "new_opportunity", capacity)
        answers = workers.each("sign_up", {number: (opportunity_pk, capacity) for number in range(WORKERS)})
        outcomes = [status for answer in answers for status in answer]
        assert len(outcomes) == WORKERS * capacity
        assert outcomes.count("applied") == capacity, outcomes
        assert outcomes.count("refused") == (WORKERS - 1) * capacity, outcomes
        assert workers.ask(0, "count", opportunity_pk) == capacity
