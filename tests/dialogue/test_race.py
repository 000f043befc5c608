"""Two city administrators publish the same opinion at the same moment, and two workers send the same reminder,
from two PROCESSES on the database the suite runs on: exactly one wins every time, the other is refused in
Japanese, and nothing is written twice (the version column; the reminder's unique constraint)."""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.dialogue import race_worker

TRIALS = 15


@contextmanager
def race_database(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    env = {"DJANGO_SETTINGS_MODULE": "kyodo.settings",
           "KYODO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if not url:
        yield env | {"KYODO_SQLITE_PATH": str(tmp_path / "race.sqlite3")}
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'kyodo'}_drace_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
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
        self.barrier = context.Barrier(2)
        self.inboxes = {name: context.Queue() for name in "ab"}
        self.outboxes = {name: context.Queue() for name in "ab"}
        self.processes = {name: context.Process(target=race_worker.serve, daemon=True, args=(
            name, env, self.barrier, self.inboxes[name], self.outboxes[name])) for name in "ab"}
        for process in self.processes.values():
            process.start()

    def ask(self, name, command, *args, timeout=600):
        self.inboxes[name].put((command, args))
        return self.answer(name, timeout)

    def answer(self, name, timeout=60):
        status, value = self.outboxes[name].get(timeout=timeout)
        assert status == "ok", f"worker {name} failed:\n{value}"
        return value

    def both(self, command, args_a, args_b):
        self.inboxes["a"].put((command, args_a))
        self.inboxes["b"].put((command, args_b))
        return [self.answer("a"), self.answer("b")]

    def stop(self):
        for name, process in self.processes.items():
            if process.is_alive():
                self.inboxes[name].put(("stop", ()))
        for process in self.processes.values():
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()


@pytest.fixture
def workers(tmp_path):
    with race_database(tmp_path) as env:
        started = Workers(env)
        try:
            started.ids = started.ask("a", "prepare", timeout=300)
            yield started
        finally:
            started.stop()


def test_publishing_and_reminding_race_one_winner(workers):
    ids = workers.ids
    for _trial in range(TRIALS):
        opinion = workers.ask("a", "fresh", ids["community"], "reviewed")
        results = workers.both("publish", (ids["admin_1"], opinion["pk"], opinion["version"]),
                               (ids["admin_2"], opinion["pk"], opinion["version"]))
        assert sorted(result == "won" for result in results) == [False, True], results
        loser = next(result for result in results if result != "won")
        assert "他の方が先に更新しました" in loser or "の意見では" in loser, loser
        after = workers.ask("a", "inspect", opinion["pk"])
        assert (after["status"], after["transitions"], after["events"]) == ("published", 1, 1)
    for _trial in range(TRIALS):
        opinion = workers.ask("a", "fresh", ids["community"], "routed")
        results = workers.both("remind", (opinion["pk"],), (opinion["pk"],))
        assert sorted(results) == [False, True], results
        after = workers.ask("a", "inspect", opinion["pk"])
        assert (after["reminders"], after["reminder_events"]) == (1, 1)
