"""Two people place a liaison for the same community, or accept the same dispatch request, at the same moment,
from two PROCESSES on the database the suite runs on (SQLite file or PostgreSQL, see tests/race.py):
exactly one wins every time, the other is refused in Japanese, and nothing of the loser is written."""

from __future__ import annotations

import pytest

from tests.race import started_workers
from tests.support import race_worker

TRIALS = 10


@pytest.fixture
def workers(tmp_path):
    with started_workers(race_worker.serve, tmp_path, tag="srace") as started:
        yield started


def _one_winner(results):
    assert sorted(result == "won" for result in results) == [False, True], results
    return next(result for result in results if result != "won")


def test_two_liaison_placements_at_once_leave_exactly_one_open_assignment(workers):
    ids = workers.ids
    for trial in range(TRIALS):
        # Half the trials place a first liaison, half rotate an existing one.
        community = workers.ask("a", "community", ids["staff_3"] if trial % 2 else None)
        results = workers.both("assign", (ids["admin_1"], community["pk"], ids["staff_1"], community["current"]),
                               (ids["admin_2"], community["pk"], ids["staff_2"], community["current"]))
        loser = _one_winner(results)
        assert "他の方が先に地域担当職員を配置しました" in loser, loser
        after = workers.ask("a", "inspect", community["pk"])
        expected_rows = 2 if community["current"] else 1
        assert (after["open"], after["assignments"], after["assigned_events"]) == (1, expected_rows, 1), after


def test_two_acceptances_at_once_keep_one_decision(workers):
    ids = workers.ids
    for _trial in range(TRIALS):
        community = workers.ask("a", "community", None)
        request = workers.ask("a", "request", community["pk"], ids["admin_1"])
        results = workers.both("accept", (ids["admin_1"], request["pk"], request["version"], ids["staff_1"]),
                               (ids["admin_2"], request["pk"], request["version"], ids["staff_2"]))
        loser = _one_winner(results)
        assert "他の方が先に" in loser or "できません" in loser, loser
        after = workers.ask("a", "inspect", community["pk"], request["pk"])
        assert (after["status"], after["version"], after["transitions"], after["events"]) == ("accepted", 2, 1, 1)
        assert after["staff"] in (ids["staff_1"], ids["staff_2"])
