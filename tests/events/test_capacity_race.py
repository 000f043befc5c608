"""Four times the capacity of registrations for one event, from four PROCESSES at the same moments:
exactly the capacity is confirmed, the rest wait, on the database the suite runs on.

SQLite: a temporary database file (the test database may live in memory, out of other processes'
reach). PostgreSQL: a database of its own, ``<name>_evrace_<xdist worker>_<pid>``, created and dropped
here. Each worker registers one person per round; all four meet at a Barrier before every round.
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.events import race_worker

WORKERS = 4
CAPACITIES = (1, 3, 5)


@contextmanager
def race_database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    env = {"DJANGO_SETTINGS_MODULE": "kyodo.settings"}
    if not url:
        yield env | {"KYODO_SQLITE_PATH": str(tmp_path / "events-race.sqlite3")}
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'kyodo'}_evrace_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield env | {"DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Workers:
    def __init__(self, env):
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

    def ask(self, number, command, *args, timeout=300):
        self.inboxes[number].put((command, args))
        return self.answer(number, timeout)

    def answer(self, number, timeout=600):
        status, value = self.outboxes[number].get(timeout=timeout)
        assert status == "ok", f"worker {number} failed:\n{value}"
        return value

    def stop(self):
        for number, process in enumerate(self.processes):
            if process.is_alive():
                self.inboxes[number].put(("stop", ()))
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()


@pytest.fixture
def workers(tmp_path):
    with race_database(tmp_path) as env:
        started = Workers(env)
        try:
            started.ask(0, "prepare")
            yield started
        finally:
            started.stop()


def test_four_times_the_capacity_at_once_confirms_exactly_the_capacity(workers):
    for capacity in CAPACITIES:
        event_pk = workers.ask(0, "new_event", capacity)
        for number in range(WORKERS):
            workers.inboxes[number].put(("register", (event_pk, capacity)))
        outcomes = [status for number in range(WORKERS) for status in workers.answer(number)]
        assert len(outcomes) == WORKERS * capacity
        assert outcomes.count("confirmed") == capacity, outcomes
        assert outcomes.count("waiting") == (WORKERS - 1) * capacity, outcomes
        assert workers.ask(0, "count", event_pk) == {"confirmed": capacity, "waiting": (WORKERS - 1) * capacity}
