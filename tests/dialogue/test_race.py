"""Two city administrators publish the same opinion at the same moment, and two workers send the same reminder,
from two PROCESSES on the database the suite runs on: exactly one wins every time, the other is refused in
Japanese, and nothing is written twice (the version column; the reminder's unique constraint)."""

from __future__ import annotations

import pytest

from tests.dialogue import race_worker
from tests.race import started_workers

TRIALS = 15


@pytest.fixture
def workers(tmp_path):
    with started_workers(race_worker.serve, tmp_path, tag="drace") as started:
        yield started


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
