"""prompts.library: the shipped content, loading, lookups and cue matching."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from prompts.library import DATA_DIR, Question, load_library
from tests.prompts.conftest import list_doc, theme_doc, write_yaml


def test_the_shipped_library_is_big_enough_and_complete() -> None:
    library = load_library()
    per_theme = Counter(question.theme for question in library.questions)

    assert len(library.questions) >= 150
    assert len(library.themes) >= 8 and set(per_theme) == set(library.themes)
    assert all(2 <= len(question.follow_ups) <= 4 for question in library.questions)
    assert all(theme.cues and 3 <= len(theme.follow_ups) <= 5 for theme in library.themes.values())
    assert len(library.steps) >= 8 and len(library.followthroughs) >= 6
    assert {"start", "end", "any"} <= {question.fits for question in library.questions}


def test_shipped_ids_are_unique_and_each_prompt_knows_its_place() -> None:
    library = load_library()
    prompts = list(library.all_prompts())
    assert len({prompt.id for prompt in prompts}) == len(prompts)
    for question in library.questions:
        assert question.kind == "question" and question.id.startswith(f"{question.theme}.")
        assert all(f.parent == question.id and f.kind == "follow_up" for f in question.follow_ups)
    for theme in library.themes.values():
        assert all(f.parent is None and f.theme == theme.id for f in theme.follow_ups)


def test_followthroughs_never_quote_the_step_shown_above_them() -> None:
    for prompt in load_library().followthroughs:
        assert not set('"\u201c\u201d') & set(prompt.text)
        assert prompt.text.endswith("?") and len(prompt.text.split()) <= 12


def test_hard_case_prompts_do_not_blame_or_second_guess() -> None:
    library = load_library()
    texts = [q.text for q in library.questions if q.theme == "hard-case"]
    texts += [f.text for q in library.questions if q.theme == "hard-case" for f in q.follow_ups]
    texts += [f.text for f in library.themes["hard-case"].follow_ups]
    blaming = (
        "fault",
        "blame",
        "should have",
        "could have done",
        "differently",
        "mistake",
        "error",
        "missed",
        "went wrong",
    )
    assert not [text for text in texts if any(word in text.lower() for word in blaming)]


def test_the_shipped_library_is_cached_and_lives_in_data_dir() -> None:
    assert load_library() is load_library()
    assert (DATA_DIR / "steps.yaml").is_file() and (DATA_DIR / "followthrough.yaml").is_file()


def test_lookups_by_id() -> None:
    library = load_library()
    question = library.question("rest.q01")
    assert isinstance(question, Question) and question.theme == "rest"
    assert library.prompt("rest.q01.f1").parent == "rest.q01"
    assert library.prompt("rest.t1").kind == "follow_up"
    assert library.prompt("step.01").kind == "step"
    with pytest.raises(KeyError, match="'rest.q99' is not in the prompt library"):
        library.question("rest.q99")
    with pytest.raises(KeyError, match="is a follow_up, not a question"):
        library.question("rest.q01.f1")
    with pytest.raises(KeyError, match="nope"):
        library.prompt("nope")


def test_cue_themes_counts_whole_words_any_case_most_hits_first() -> None:
    library = load_library()
    reply = "Charting and the INBOX kept me late; I'm exhausted."
    assert library.cue_themes(reply)[:2] == ["workload", "rest"]
    assert "workload" not in library.cue_themes("It denotes nothing in particular")  # "notes" inside a word
    assert library.cue_themes("I can\u2019t control any of it") == ["control"]  # curly apostrophe
    assert library.cue_themes("A quiet, ordinary afternoon") == []


def test_cue_themes_breaks_ties_by_theme_id(make_library) -> None:
    library = load_library(make_library({"beta": ("any", "any"), "alpha": ("any", "any")}))
    assert library.cue_themes("betacue then alphacue") == ["alpha", "beta"]
    assert library.cue_themes("betacue, a beta phrase, then alphacue") == ["beta", "alpha"]


def test_load_library_from_a_path(make_library) -> None:
    library = load_library(make_library({"rest": ("start", "end")}))
    assert [q.id for q in library.questions] == ["rest.q01", "rest.q02"]
    assert [q.fits for q in library.questions] == ["start", "end"]
    assert library.themes["rest"].cues == ("restcue", "rest phrase")


def test_load_library_raises_value_error_naming_file_and_problem(make_library) -> None:
    root = make_library({"rest": ("any", "any")})
    doc = theme_doc()
    doc["questions"][0]["stage"] = "later"
    write_yaml(root / "questions" / "rest.yaml", doc)
    with pytest.raises(ValueError, match=r"rest\.yaml: rest\.q01: stage must be one of goal, reality"):
        load_library(root)


def test_load_library_needs_steps_and_followthroughs(tmp_path: Path) -> None:
    write_yaml(tmp_path / "rest.yaml", theme_doc())
    write_yaml(tmp_path / "steps.yaml", list_doc("step"))
    with pytest.raises(ValueError, match="no followthrough prompts found"):
        load_library(tmp_path)


def test_load_library_on_a_missing_path_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file or directory"):
        load_library(tmp_path / "missing")
