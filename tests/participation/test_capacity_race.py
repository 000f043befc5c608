"""Four times the capacity of sign-ups for one opportunity, from four PROCESSES at the same moments:
exactly the capacity is accepted, the rest refused, on the database the suite runs on (the events'
race database: a temporary SQLite file, or a PostgreSQL database of its own)."""

from __future__ import annotations

import multiprocessing

import pytest

from tests.events import test_capacity_race as events_race
from tests.participation import race_worker

WORKERS = 4
CAPACITIES = (1, 3, 5)


class Workers(events_race.Workers):
    def __init__(self, env):  # the events' pool, serving this app's worker
        context = multiprocessing.get_context("spawn")
        self.barrier = context.Barrier(WORKERS)
        self.inboxes = [context.Queue() for _ in range(WORKERS)]
        self.outboxes = [context.Queue() for _ in range(WORKERS)]
        self.processes = [
            context.Process(target=race_worker.serve, daemon=True,
                            args=(number, env, self.barrier, self.inboxes[number], self.outboxes[number]))
            for number in range(WORKERS)
        ]
        for process in self.processes:
            process.start()


@pytest.fixture
def workers(tmp_path):
    with events_race.race_database(tmp_path) as env:
        started = Workers(env)
        try:
            started.ask(0, "prepare")
            yield started
        finally:
            started.stop()


def test_four_times_the_capacity_at_once_accepts_exactly_the_capacity(workers):
    for capacity in CAPACITIES:
        opportunity_pk = workers.ask(0, "new_opportunity", capacity)
        for number in range(WORKERS):
            workers.inboxes[number].put(("sign_up", (opportunity_pk, capacity)))
        outcomes = [status for number in range(WORKERS) for status in workers.answer(number)]
        assert len(outcomes) == WORKERS * capacity
        assert outcomes.count("applied") == capacity, outcomes
        assert outcomes.count("refused") == (WORKERS - 1) * capacity, outcomes
        assert workers.ask(0, "count", opportunity_pk) == capacity
