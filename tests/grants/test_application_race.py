"""Two city administrators act on the same application at the same moment, from two PROCESSES:
exactly one wins, the other is told so in Japanese, and nothing is lost or written twice.

Runs on the database the suite runs on (tests/race.py): a temporary SQLite file or a PostgreSQL
database of its own. Two long-lived worker
processes (spawned, ``django.setup()`` once each, see race_worker.py) meet at a Barrier before
each call, with the same version in hand.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter

import pytest

from tests import race
from tests.grants import race_worker

TRIALS = 100
PAYMENT_TRIALS = 20
JAPANESE = ("他の方が先に更新しました", "の申請では")  # StaleObject, InvalidTransition


class Workers(race.Workers):
    """Two spawned worker processes, "a" (which also prepares, resets and inspects) and "b"."""

    def race(self, action: str, pk: int, actors: dict[str, int], version: int, trial: int, key: str | None):
        return self.each("race", {name: (action, pk, actors[name], version, f"{trial}-{name}", key)
                                  for name in self.names})


@pytest.fixture
def workers(tmp_path):
    """The two workers and the prepared race database (migrating it takes a while)."""
    with race.race_database(tmp_path) as env:
        started = Workers(race_worker.serve, env)
        try:
            started.ids = started.ask("a", "prepare", timeout=300)
            yield started
        finally:
            started.stop()


def test_two_processes_racing_on_one_application_exactly_one_wins_every_time(workers):
    """One test, so that under xdist the race database is migrated once, not once per test."""
    _race_decisions(workers)
    _race_payments(workers)
    _race_budget(workers)
    _race_change_approvals(workers)
    _race_audit_appends(workers)
    assert workers.ask("a", "verify")  # the audit chain is intact


def _race_decisions(workers) -> None:
    ids = workers.ids
    actors = {"a": ids["admin_1"], "b": ids["admin_2"]}
    started = time.monotonic()
    lost_by: Counter[str] = Counter()
    for trial in range(TRIALS):
        action = ("award", "settle")[trial % 2]
        pk = ids[action]
        version = workers.ask("a", "reset", action, pk)
        before = workers.ask("a", "inspect", action, pk)
        outcomes = workers.race(action, pk, actors, version, trial, None)

        winners = [outcome for outcome in outcomes if outcome[0] == "won"]
        losers = [outcome for outcome in outcomes if outcome[0] == "lost"]
        assert len(winners) == 1 and len(losers) == 1, (trial, action, outcomes)
        _lost, error, message = losers[0]
        assert error in ("StaleObject", "InvalidTransition"), (trial, outcomes)
        lost_by[error] += 1
        assert any(words in message for words in JAPANESE), message
        after = workers.ask("a", "inspect", action, pk)
        assert after["events"] == before["events"] + 1, (trial, action)
        assert after["transitions"] == before["transitions"] + 1
        assert after["version"] == version + 1
        assert after["status"] == {"award": "awarded", "settle": "settled"}[action]
    elapsed = time.monotonic() - started
    print(f"{TRIALS} races in {elapsed:.1f} s; the loser was told: {dict(lost_by)}")  # shown with -s
    assert elapsed < 60, f"{TRIALS} trials took {elapsed:.1f} s"


def _race_payments(workers) -> None:
    """The same payment submitted twice at once (a double click, two tabs): recorded once."""
    ids = workers.ids
    actors = {"a": ids["admin_1"], "b": ids["admin_2"]}
    pk = ids["pay_final"]
    outcomes_seen: Counter[tuple[str, ...]] = Counter()
    for trial in range(PAYMENT_TRIALS):
        version = workers.ask("a", "reset", "pay_final", pk)
        before = workers.ask("a", "inspect", "pay_final", pk)
        key = str(uuid.uuid4())  # one form, submitted twice (a double click, two tabs)
        outcomes = workers.race("pay_final", pk, actors, version, trial, key)
        after = workers.ask("a", "inspect", "pay_final", pk)
        outcomes_seen[tuple(sorted(outcome[1] if outcome[0] == "lost" else "won" for outcome in outcomes))] += 1
        # The second submission either sees the first one's payment (and changes nothing) or loses the race.
        assert [outcome[0] for outcome in outcomes].count("won") >= 1, outcomes
        for outcome in outcomes:
            assert outcome[0] == "won" or outcome[1] in ("StaleObject", "InvalidTransition"), outcomes
        assert after["payments"] == 1 and after["status"] == "closed"
        assert after["events"] == before["events"] + 1 and after["version"] == version + 1
    print(f"{PAYMENT_TRIALS} double submissions: {dict(outcomes_seen)}")  # shown with -s


BUDGET_TRIALS = 10


def _race_budget(workers) -> None:
    """Two awards at once on DIFFERENT applications of one rule whose budget holds only one: one
    is awarded, the other refused in Japanese, and the year's awards never exceed the budget."""
    ids = workers.ids
    pks = {"a": ids["budget_a"], "b": ids["budget_b"]}
    actors = {"a": ids["admin_1"], "b": ids["admin_2"]}
    for trial in range(BUDGET_TRIALS):
        versions = workers.ask("a", "reset_budget", list(pks.values()))
        for name in "ab":
            workers.inboxes[name].put(("race_budget", (pks[name], actors[name], versions[pks[name]],
                                                       f"budget-{trial}-{name}")))
        outcomes = [workers.answer(name, 60) for name in "ab"]
        assert sorted(outcome[0] for outcome in outcomes) == ["lost", "won"], (trial, outcomes)
        lost = next(outcome for outcome in outcomes if outcome[0] == "lost")
        assert lost[1] == "ValidationError" and "予算残額" in lost[2], lost
        assert workers.ask("a", "awarded_total", list(pks.values())) == 100_000 <= race_worker.BUDGET_YEN


def _race_change_approvals(workers) -> None:
    """Two change approvals at once on DIFFERENT applications of one rule whose budget holds only
    one of the raises: one is approved, the other refused in Japanese, awards stay within budget."""
    ids = workers.ids
    pks = {"a": ids["change_a"], "b": ids["change_b"]}
    actors = {"a": ids["admin_1"], "b": ids["admin_2"]}
    for trial in range(BUDGET_TRIALS):
        versions = workers.ask("a", "reset_changes", list(pks.values()))
        for name in "ab":
            workers.inboxes[name].put(("race_change", (pks[name], actors[name], versions[pks[name]])))
        outcomes = [workers.answer(name, 60) for name in "ab"]
        assert sorted(outcome[0] for outcome in outcomes) == ["lost", "won"], (trial, outcomes)
        lost = next(outcome for outcome in outcomes if outcome[0] == "lost")
        assert lost[1] == "ValidationError" and "予算残額" in lost[2], lost
        total = workers.ask("a", "awarded_total", list(pks.values()))
        assert total == 150_000 <= race_worker.CHANGE_BUDGET_YEN, (trial, total)


APPENDS = 40


def _race_audit_appends(workers) -> None:
    """Two processes append to the audit log at once: one chain, no fork, nothing lost."""
    before = workers.ask("a", "chain_shape")
    for name in "ab":
        workers.inboxes[name].put(("append_events", (name, APPENDS)))
    assert [workers.answer(name, 120) for name in "ab"] == [APPENDS, APPENDS]
    after = workers.ask("a", "chain_shape")
    assert after["ok"], after["reason"]
    assert after["appended"] == before["appended"] + 2 * APPENDS
    assert after["rows"] == before["rows"] + 2 * APPENDS
    assert after["parents"] == after["rows"]  # every row has a parent of its own: the chain never forks
