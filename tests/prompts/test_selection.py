"""prompts.selection: no repeats, theme rotation and choice, time of day, determinism, fitted follow-ups."""

from __future__ import annotations

import pytest

from prompts.library import load_library
from prompts.selection import (
    OPT_IN_THEMES,
    select_follow_up,
    select_followthrough,
    select_question,
    select_step,
)

SEEDS = range(40)


def draw(library, count: int, **kwargs) -> list[str]:
    """Ask `count` check-ins in a row, feeding each pick back as history (newest first, last 30)."""
    history: list[str] = []
    for seed in range(count):
        question = select_question(library, recent_ids=history[:30], seed=seed, **kwargs)
        history.insert(0, question.id)
    return history


def test_no_repeat_within_the_last_30_across_30_draws() -> None:
    history = draw(load_library(), 30, local_hour=9)
    assert len(set(history)) == 30


def test_no_repeat_over_a_long_run_with_chosen_themes() -> None:
    library = load_library()
    history = draw(library, 60, chosen_themes=("rest", "meaning", "home"), local_hour=20)
    assert all(len(set(history[i : i + 30])) == len(history[i : i + 30]) for i in range(len(history)))


def test_when_every_question_in_scope_was_asked_the_least_recent_comes_back() -> None:
    library = load_library()
    rest = [q.id for q in library.questions if q.theme == "rest"]
    recent = list(reversed(rest))  # newest first: rest.q01 was asked longest ago
    assert select_question(library, recent_ids=recent, theme="rest").id == rest[0]


def test_themes_rotate_away_from_the_last_two() -> None:
    library = load_library()
    recent = ["rest.q01", "home.q01"]
    themes = {select_question(library, recent_ids=recent, seed=seed).theme for seed in SEEDS}
    assert not themes & {"rest", "home"}
    assert len(themes) >= 4


def test_rotation_falls_back_when_only_recent_themes_are_chosen() -> None:
    library = load_library()
    picked = select_question(library, recent_ids=["rest.q01", "rest.q02"], chosen_themes=["rest"])
    assert picked.theme == "rest" and picked.id not in {"rest.q01", "rest.q02"}


def test_chosen_themes_are_honoured_and_unknown_ones_ignored() -> None:
    library = load_library()
    chosen = ("meaning", "team", "retired-theme")
    themes = {select_question(library, recent_ids=[], chosen_themes=chosen, seed=seed).theme for seed in SEEDS}
    assert themes == {"meaning", "team"}


def test_hard_case_is_only_asked_when_forced_or_chosen() -> None:
    library = load_library()
    assert "hard-case" in OPT_IN_THEMES
    assert "hard-case" not in {q.theme for q in (select_question(library, recent_ids=[], seed=s) for s in SEEDS)}
    assert select_question(library, recent_ids=[], theme="hard-case").theme == "hard-case"
    assert select_question(library, recent_ids=[], chosen_themes=["hard-case"]).theme == "hard-case"


def test_a_forced_theme_wins_over_chosen_themes_and_rotation() -> None:
    library = load_library()
    for seed in SEEDS:
        picked = select_question(
            library, recent_ids=["rest.q03", "rest.q04"], chosen_themes=["home"], theme="rest", seed=seed
        )
        assert picked.theme == "rest" and picked.id not in {"rest.q03", "rest.q04"}


def test_an_unknown_forced_theme_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown theme 'naps'; valid themes: colleagues, control, .*, workload$"):
        select_question(load_library(), recent_ids=[], theme="naps")


def test_an_impossible_hour_is_refused() -> None:
    with pytest.raises(ValueError, match="local_hour must be 0 to 23"):
        select_question(load_library(), recent_ids=[], local_hour=24)


@pytest.mark.parametrize(("hour", "never"), [(20, "start"), (2, "start"), (7, "end")])
def test_the_hour_steers_away_from_questions_for_the_other_end_of_a_shift(hour: int, never: str) -> None:
    library = load_library()
    fits = {select_question(library, recent_ids=[], local_hour=hour, seed=seed).fits for seed in range(200)}
    assert never not in fits


def test_evening_prefers_end_of_shift_and_falls_back_when_none_is_left(make_library) -> None:
    library = load_library(make_library({"rest": ("start", "end", "start")}))
    assert {select_question(library, recent_ids=[], local_hour=21, seed=s).id for s in SEEDS} == {"rest.q02"}
    assert {select_question(library, recent_ids=[], local_hour=8, seed=s).id for s in SEEDS} == {
        "rest.q01",
        "rest.q03",
    }
    assert select_question(library, recent_ids=["rest.q02"], local_hour=21).id in {"rest.q01", "rest.q03"}
    assert len({select_question(library, recent_ids=[], local_hour=13, seed=s).id for s in SEEDS}) == 3


def test_the_same_seed_gives_the_same_choices() -> None:
    library = load_library()
    assert draw(library, 10, local_hour=18) == draw(library, 10, local_hour=18)
    assert len({select_question(library, recent_ids=[], seed=seed).id for seed in SEEDS}) > 10
    question = library.question("rest.q01")
    reply = "the census was high"
    assert select_follow_up(library, question, reply, [], seed=3) == select_follow_up(library, question, reply, [], 3)
    assert select_step(library, seed=5) == select_step(library, seed=5)
    assert select_followthrough(library, seed=5) == select_followthrough(library, seed=5)


def test_a_reply_about_another_theme_gets_that_themes_follow_up() -> None:
    library = load_library()
    question = library.question("rest.q01")
    reply = "Honestly the charting and the inbox never stop, we were understaffed again"
    workload = {prompt.id for prompt in library.themes["workload"].follow_ups}

    follow_up = select_follow_up(library, question, reply, asked_ids=[])

    assert follow_up is not None and follow_up.id in workload


def test_the_question_own_follow_ups_come_when_the_reply_stays_on_theme_or_has_no_cues() -> None:
    library = load_library()
    question = library.question("rest.q01")
    own = {prompt.id for prompt in question.follow_ups}
    assert select_follow_up(library, question, "Too tired to sleep, honestly", []).id in own
    assert select_follow_up(library, question, "A bath and a book", []).id in own


def test_follow_ups_are_not_repeated_and_run_out() -> None:
    library = load_library()
    question = library.question("rest.q01")
    reply = "charting, charting, inbox"
    asked = [prompt.id for prompt in library.themes["workload"].follow_ups]
    assert select_follow_up(library, question, reply, asked).parent == "rest.q01"  # theme ones used up
    asked += [prompt.id for prompt in question.follow_ups]
    assert select_follow_up(library, question, reply, asked) is None


def test_steps_and_followthroughs_come_from_their_lists() -> None:
    library = load_library()
    assert {select_step(library, seed).kind for seed in SEEDS} == {"step"}
    assert {select_followthrough(library, seed).kind for seed in SEEDS} == {"followthrough"}
    assert len({select_step(library, seed).id for seed in SEEDS}) > 3


def test_spanish_no_repeat_within_the_last_30_and_over_a_long_run() -> None:
    spanish = load_library(language="es")
    assert len(set(draw(spanish, 30, local_hour=9))) == 30
    history = draw(spanish, 60, chosen_themes=("rest", "meaning", "home"), local_hour=20)
    assert all(len(set(history[i : i + 30])) == len(history[i : i + 30]) for i in range(len(history)))
    assert all(qid.startswith("es.") for qid in history)


def test_spanish_themes_rotate_and_hard_case_waits_to_be_asked_for() -> None:
    spanish = load_library(language="es")
    recent = ["es.rest.q01", "es.home.q01"]
    themes = {select_question(spanish, recent_ids=recent, seed=seed).theme for seed in SEEDS}
    assert not themes & {"rest", "home", "hard-case"} and len(themes) >= 4
    assert select_question(spanish, recent_ids=[], theme="hard-case").id.startswith("es.hard-case.")


def test_rotation_counts_questions_asked_in_the_other_language() -> None:
    spanish = load_library(language="es")
    recent = ["rest.q01", "home.q01"]  # asked in English, before the member switched to Spanish
    themes = {select_question(spanish, recent_ids=recent, seed=seed).theme for seed in SEEDS}
    assert not themes & {"rest", "home"}


def test_a_spanish_reply_about_another_theme_gets_that_themes_spanish_follow_up() -> None:
    spanish = load_library(language="es")
    question = spanish.question("es.rest.q01")
    reply = "La verdad, el charting y la bandeja de entrada no paran; otra guardia sin personal"
    workload = {prompt.id for prompt in spanish.themes["workload"].follow_ups}

    assert select_follow_up(spanish, question, reply, asked_ids=[]).id in workload
    own = {prompt.id for prompt in question.follow_ups}
    assert select_follow_up(spanish, question, "Muy cansada, no dormí nada", []).id in own  # stays on rest
    assert select_follow_up(spanish, question, "Un baño y un libro", []).id in own  # no cues


def test_spanish_steps_and_followthroughs_come_from_the_spanish_lists() -> None:
    spanish = load_library(language="es")
    assert {select_step(spanish, seed).id[:8] for seed in SEEDS} == {"es.step."}
    assert {select_followthrough(spanish, seed).kind for seed in SEEDS} == {"followthrough"}
    assert all(select_followthrough(spanish, seed).text.startswith("¿") for seed in SEEDS)
