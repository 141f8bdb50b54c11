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


def themes_in(rows: list[dict[str, object]]) -> list[object]:
    return list(dict.fromkeys(row["theme"] for row in rows))


def test_spanish_json_has_the_english_shape() -> None:
    english = json.loads(list_command(None, "json")[1])
    code, out = list_command(None, "json", "es")
    spanish = json.loads(out)
    library = load_library(language="es")

    assert code == 0 and "¿" in out  # the characters themselves, not \u escapes
    assert {tuple(row) for row in spanish} == {tuple(row) for row in english}  # each kind: same keys, same order
    assert themes_in(spanish) == themes_in(english)
    questions = [row for row in spanish if row["kind"] == "question"]
    follow_ups = sum(len(q.follow_ups) for q in library.questions) + sum(
        len(t.follow_ups) for t in library.themes.values()
    )
    assert len(questions) == len(library.questions) and len(spanish) == len(questions) + follow_ups
    first = library.questions[0]
    assert questions[0] == {
        "id": first.id,
        "text": first.text,
        "theme": first.theme,
        "kind": "question",
        "stage": first.stage,
        "fits": first.fits,
    }


def test_spanish_theme_filter_and_text_format() -> None:
    code, out = list_command("rest", "text", "es")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("rest: Límites, descanso y recuperación (")
    assert "  es.rest.q01  [reality, end]  ¿Qué te ayudaría a desconectarte del trabajo esta noche?" in lines


def test_an_unknown_language_exits_2_naming_the_valid_ones() -> None:
    code, out = list_command(None, "json", "fr")
    assert code == 2
    assert "unknown language 'fr'; valid languages: en, es" in out and "--language es" in out


def test_the_cli_lists_spanish_as_json(capsys) -> None:
    from bot.cli import main

    assert main(["prompts", "list", "--language", "es", "--theme", "rest", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "es.rest.q01" and {row["theme"] for row in rows} == {"rest"}
    assert main(["prompts", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == load_library().questions[0].id
