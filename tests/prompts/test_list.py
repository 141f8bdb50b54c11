"""prompts.listing.list_command: the `microcoach prompts list` verb."""

from __future__ import annotations

import json

from prompts.library import load_library
from prompts.listing import list_command


def test_json_lists_every_question_and_follow_up_with_its_shape() -> None:
    library = load_library()
    code, out = list_command(None, "json")
    rows = json.loads(out)

    assert code == 0
    questions = [row for row in rows if row["kind"] == "question"]
    follow_ups = [row for row in rows if row["kind"] == "follow_up"]
    assert len(questions) == len(library.questions) and len(questions) + len(follow_ups) == len(rows)
    assert all({"id", "text", "theme", "stage", "fits"} <= set(row) for row in questions)
    assert all({"id", "text", "theme", "parent"} <= set(row) for row in follow_ups)
    theme_level = [row for row in follow_ups if row["parent"] is None]
    assert len(theme_level) == sum(len(theme.follow_ups) for theme in library.themes.values())
    first = library.questions[0]
    assert questions[0] == {
        "id": first.id,
        "text": first.text,
        "theme": first.theme,
        "kind": "question",
        "stage": first.stage,
        "fits": first.fits,
    }


def test_theme_filter_keeps_one_theme() -> None:
    code, out = list_command("rest", "json")
    rows = json.loads(out)
    assert code == 0
    assert {row["theme"] for row in rows} == {"rest"}
    assert {row["id"] for row in rows if row["kind"] == "follow_up" and row["parent"] is None} >= {"rest.t1"}
    assert sum(row["kind"] == "question" for row in rows) == sum(q.theme == "rest" for q in load_library().questions)


def test_text_format_is_readable() -> None:
    question = load_library().question("rest.q01")
    code, out = list_command("rest", "text")
    lines = out.splitlines()

    assert code == 0
    assert lines[0].startswith("rest: Boundaries, rest and recovery (")
    assert f"  rest.q01  [{question.stage}, {question.fits}]  {question.text}" in lines
    assert f"      rest.q01.f1  {question.follow_ups[0].text}" in lines
    assert lines[-1].endswith("follow-ups in 1 themes")
    assert not out.lstrip().startswith("[")


def test_unknown_theme_or_format_exits_2_naming_the_valid_values() -> None:
    code, out = list_command("naps", "text")
    assert code == 2
    assert "unknown theme 'naps'" in out and "rest" in out and "workload" in out

    code, out = list_command(None, "yaml")
    assert code == 2
    assert "unknown format 'yaml'" in out and "text, json" in out
