"""Store contract, pacing: what a pacer learned per lane is kept, read back by a worker starting, and forgotten."""

from __future__ import annotations

from datetime import timedelta

from store.rows import LearnedPace

DAY = timedelta(days=1)


def test_a_lane_s_pace_is_kept_and_the_last_worker_to_learn_it_wins(any_store, now):
    any_store.pacing.remember_paces({"slack:T1": LearnedPace(48.0, 52.0, False)}, now - DAY)
    any_store.pacing.remember_paces(
        {"slack:T1": LearnedPace(49.5, 51.0, False), "teams:tenant": LearnedPace(25.0, None, True)}, now
    )
    assert any_store.pacing.learned_paces(now - 2 * DAY) == {
        "slack:T1": LearnedPace(49.5, 51.0, False),
        "teams:tenant": LearnedPace(25.0, None, True),
    }


def test_nothing_to_keep_writes_nothing(any_store, now):
    any_store.pacing.remember_paces({}, now)
    assert any_store.pacing.learned_paces(now - DAY) == {}


def test_old_knowledge_is_not_read_and_is_purged(any_store, now):
    any_store.pacing.remember_paces({"slack:OLD": LearnedPace(30.0, 33.0, False)}, now - 40 * DAY)
    any_store.pacing.remember_paces({"slack:NEW": LearnedPace(10.0, None, True)}, now)
    assert set(any_store.pacing.learned_paces(now - DAY)) == {"slack:NEW"}
    assert any_store.pacing.purge_paces(now - 30 * DAY) == 1
    assert set(any_store.pacing.learned_paces(now - 100 * DAY)) == {"slack:NEW"}
