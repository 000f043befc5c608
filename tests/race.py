"""Races between PROCESSES on the database the suite runs on: the shared harness of every race test.

:func:`race_database` yields the environment of an empty database of the suite's kind — a temporary
SQLite file (the test database may live in memory, out of other processes' reach), or a PostgreSQL
database of its own, ``<name>_<tag>_<xdist worker>_<pid>``, created here and dropped afterwards.

:class:`Workers` spawns one process per name, each running an app's ``race_worker.serve(name, env,
barrier, inbox, outbox)``: it answers ``(command, args)`` messages with ``("ok", value)`` or
``("error", traceback)``, and meets the others at ``barrier`` where its race needs them to start together.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit


@contextmanager
def race_database(tmp_path: Path, tag: str = "race") -> Iterator[dict[str, str]]:
    """Environment variables pointing a worker at an empty database of the suite's kind."""
    url = os.environ.get("DATABASE_URL", "")
    env = {"DJANGO_SETTINGS_MODULE": "kyodo.settings",
           "KYODO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
           "KYODO_AUDIT_CHECKPOINT_FILE": str(tmp_path / "audit-checkpoints.jsonl")}
    if not url:
        yield env | {"KYODO_SQLITE_PATH": str(tmp_path / f"{tag}.sqlite3")}
        return
    import psycopg

    parts = urlsplit(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{parts.path.lstrip('/') or 'kyodo'}_{tag}_{worker}_{os.getpid()}"
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
    """Spawned worker processes, one per name; the first name also prepares and inspects."""

    ids: dict[str, int]

    def __init__(self, serve: Callable[..., None], env: dict[str, str], names: Iterable[Hashable] = ("a", "b")):
        context = multiprocessing.get_context("spawn")
        self.names = list(names)
        self.barrier = context.Barrier(len(self.names))
        self.inboxes = {name: context.Queue() for name in self.names}
        self.outboxes = {name: context.Queue() for name in self.names}
        self.processes = {
            name: context.Process(target=serve, daemon=True,
                                  args=(name, env, self.barrier, self.inboxes[name], self.outboxes[name]))
            for name in self.names
        }
        for process in self.processes.values():
            process.start()

    def send(self, name: Hashable, command: str, *args: Any) -> None:
        self.inboxes[name].put((command, args))

    def answer(self, name: Hashable, timeout: float = 600) -> Any:
        status, value = self.outboxes[name].get(timeout=timeout)
        assert status == "ok", f"worker {name} failed:\n{value}"
        return value

    def ask(self, name: Hashable, command: str, *args: Any, timeout: float = 600) -> Any:
        self.send(name, command, *args)
        return self.answer(name, timeout)

    def each(self, command: str, args: dict[Hashable, tuple[Any, ...]]) -> list[Any]:
        """Send every worker its own arguments at once; their answers, in the order of ``names``."""
        for name in self.names:
            self.send(name, command, *args[name])
        return [self.answer(name) for name in self.names]

    def both(self, command: str, args_a: tuple[Any, ...], args_b: tuple[Any, ...]) -> list[Any]:
        """Two workers "a" and "b" do ``command`` at once."""
        return self.each(command, {"a": args_a, "b": args_b})

    def stop(self) -> None:
        for name, process in self.processes.items():
            if process.is_alive():
                self.send(name, "stop")
        for process in self.processes.values():
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()


@contextmanager
def started_workers(serve: Callable[..., None], tmp_path: Path, *, tag: str = "race",
                    names: Iterable[Hashable] = ("a", "b"), prepare: bool = True) -> Iterator[Workers]:
    """Workers on a fresh race database; the first one runs ``prepare`` (migrating takes a while)."""
    with race_database(tmp_path, tag) as env:
        workers = Workers(serve, env, names)
        try:
            if prepare:
                workers.ids = workers.ask(workers.names[0], "prepare")
            yield workers
        finally:
            workers.stop()
