"""Store contract, pacing: what each worker's pacer learned per lane, read back by a starting worker and by peers."""

from __future__ import annotations

from datetime import timedelta

from store.rows import LearnedPace

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def test_a_starting_worker_reads_each_lane_as_the_last_worker_to_send_there_left_it(any_store, now):
    any_store.pacing.remember_paces("w1", {"slack:T1": LearnedPace(48.0, 52.0, False)}, now - DAY)
    any_store.pacing.remember_paces("w1", {"slack:T1": LearnedPace(49.5, 51.0, False)}, now - 10 * SECOND)
    any_store.pacing.remember_paces(
        "w2", {"slack:T1": LearnedPace(24.0, 26.0, False), "teams:tenant": LearnedPace(25.0, None, True)}, now
    )
    assert any_store.pacing.learned_paces(now - 2 * DAY) == {
        "slack:T1": LearnedPace(24.0, 26.0, False),
        "teams:tenant": LearnedPace(25.0, None, True),
    }


def test_nothing_to_keep_writes_nothing(any_store, now):
    any_store.pacing.remember_paces("w1", {}, now)
    assert any_store.pacing.learned_paces(now - DAY) == {}


def test_a_worker_counts_the_others_sending_on_its_lanes_lately(any_store, now):
    pace = LearnedPace(25.0, 27.0, False)
    any_store.pacing.remember_paces("w1", {"slack:T1": pace, "slack:T2": pace}, now)
    any_store.pacing.remember_paces("w2", {"slack:T1": pace}, now - 2 * SECOND)
    any_store.pacing.remember_paces("w3", {"slack:T1": pace, "slack:T2": pace}, now - 9 * SECOND)  # gone quiet
    assert any_store.pacing.peers_on("w1", ["slack:T1", "slack:T2"], now - 5 * SECOND) == {
        "slack:T1": {"w2": now - 2 * SECOND}
    }
    assert any_store.pacing.peers_on("w2", ["slack:T1"], now - 5 * SECOND) == {"slack:T1": {"w1": now}}
    assert any_store.pacing.peers_on("w1", [], now) == {}


def test_old_knowledge_is_not_read_and_is_purged(any_store, now):
    any_store.pacing.remember_paces("w1", {"slack:OLD": LearnedPace(30.0, 33.0, False)}, now - 40 * DAY)
    any_store.pacing.remember_paces("w1", {"slack:NEW": LearnedPace(10.0, None, True)}, now)
    assert set(any_store.pacing.learned_paces(now - DAY)) == {"slack:NEW"}
    assert any_store.pacing.purge_paces(now - 30 * DAY) == 1
    assert set(any_store.pacing.learned_paces(now - 100 * DAY)) == {"slack:NEW"}
