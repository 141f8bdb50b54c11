"""prompts.lint: each rule on its own, the lead-in and advice exceptions, and the lint CLI verb."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prompts.library import load_library
from prompts.lint import LintProblem, lint_command, lint_path, lint_text
from prompts.messages import messages
from tests.prompts.conftest import theme_doc, write_yaml

THIRTY_TWO_WORDS = (
    "Picture the end of a long week on the unit with the pager quiet and the notes all done. "
    "What is the one thing you would most want to have happened by then?"
)
BROKEN_TEXTS = [
    ("one-question", "What went well? What did not?"),
    ("ends-with-question-mark", "What went well on the unit today."),
    ("max-words", THIRTY_TWO_WORDS),
    ("open-question", "Tell me what went well on the unit today?"),
    ("yes-no-opening", "Did anything go well on the unit today?"),
    ("no-why", "What made you wonder why it happened?"),
    ("no-advice", "What would it take to make sure you eat lunch?"),
    ("plain-language", "What is the operationalization of your goals?"),
]


def test_the_shipped_library_passes_lint_with_no_problems() -> None:
    english = len(list(load_library().all_prompts()))
    spanish = len(list(load_library(language="es").all_prompts()))
    keys = len(messages())
    summary = f"{english + spanish} prompts checked ({english} en, {spanish} es) and {keys} messages checked (en, es)"
    assert lint_command(None) == (0, f"{summary}, no problems")


@pytest.mark.parametrize(("rule", "text"), BROKEN_TEXTS, ids=[rule for rule, _ in BROKEN_TEXTS])
def test_each_text_rule_names_its_rule_the_prompt_and_the_file(tmp_path: Path, rule: str, text: str) -> None:
    doc = theme_doc()
    doc["questions"][1]["text"] = text
    file = write_yaml(tmp_path / "rest.yaml", doc)

    problems = lint_path(file)

    assert [(p.prompt_id, p.rule) for p in problems] == [("rest.q02", rule)]
    assert str(problems[0]).startswith(f"{file}: rest.q02: {rule}: ")


def test_duplicate_ignores_case_punctuation_and_spacing_across_files(tmp_path: Path) -> None:
    write_yaml(tmp_path / "a" / "rest.yaml", theme_doc("rest"))
    other = theme_doc("home")
    other["questions"][0]["follow_ups"][1]["text"] = "what went  WELL in part one, of your rest week?"
    write_yaml(tmp_path / "b" / "home.yaml", other)

    problems = lint_path(tmp_path)

    assert len(problems) == 1
    assert (problems[0].rule, problems[0].prompt_id) == ("duplicate", "home.q01.f2")
    assert problems[0].file.endswith("home.yaml")
    assert "same text as rest.q01" in problems[0].message and "rest.yaml" in problems[0].message


@pytest.mark.parametrize(
    ("change", "prompt_id", "words"),
    [
        (lambda d: d["questions"][0].pop("text"), "rest.q01", "missing text"),
        (lambda d: d["questions"][0].pop("id"), "", "missing id"),
        (lambda d: d["questions"][0].update(stage="wishful"), "rest.q01", "stage must be one of"),
        (lambda d: d["questions"][0].update(fits="noon"), "rest.q01", "fits must be one of"),
        (lambda d: d["questions"][0].update(follow_ups=[]), "rest.q01", "non-empty list"),
        (lambda d: d["questions"][0]["follow_ups"].pop(), "rest.q01", "needs 2 to 4"),
        (lambda d: d["follow_ups"].pop(), "", "needs 3 to 5"),
        (lambda d: d["questions"][1]["follow_ups"][1].update(id="rest.q02.f1"), "rest.q02.f1", "used in"),
        (lambda d: d["questions"][0].update(colour="blue"), "rest.q01", "unknown keys colour"),
        (lambda d: d.update(cues=[]), "", "cues must be a non-empty list"),
        (lambda d: d["questions"][0]["follow_ups"][0].update(id="rest.q02.f9"), "rest.q02.f9", "'rest.q01.'"),
    ],
    ids=str.split(
        "no-text no-id bad-stage bad-fits empty-follow-ups one-follow-up two-theme-follow-ups duplicate-id "
        "unknown-key no-cues misplaced-id"
    ),
)
def test_schema_problems_are_rule_schema_with_id_and_file(tmp_path: Path, change, prompt_id: str, words: str) -> None:
    doc = theme_doc()
    change(doc)
    file = write_yaml(tmp_path / "rest.yaml", doc)

    schema = [p for p in lint_path(file) if p.rule == "schema"]

    assert len(schema) == 1, schema
    assert (schema[0].file, schema[0].prompt_id) == (str(file), prompt_id)
    assert words in schema[0].message


def test_a_file_of_unknown_shape_is_a_schema_problem(tmp_path: Path) -> None:
    file = write_yaml(tmp_path / "odd.yaml", ["What is this?"])
    assert [p.rule for p in lint_path(file)] == ["schema"]


@pytest.mark.parametrize(
    "text",
    [
        "Looking back on this week, what stood out?",
        "Of all that, what could you set down, even for a day?",
        "If you sorted today's worries into two piles, mine and not mine, what would land in each?",
        "When did you last feel rested, at work or at home?",
        "In what way did the shift surprise you?",
        "Imagine next week went well. What made the difference?",
        "What do you need to feel rested?",
        "What have you tried so far?",
        "What is one thing, however small, that went right?",
    ],
)
def test_open_questions_with_lead_ins_and_asking_phrases_pass(text: str) -> None:
    assert lint_text(text) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("After a shift like that, is there anything you need?", "yes-no-opening"),
        ("Thinking about everything that happened on the unit this week, what stood out?", "open-question"),
        ("What helped, and what got in the way?", "one-question"),
        ("How come the handoff went that way?", "no-why"),
        ("What would it look like if you leverage your strengths?", "plain-language"),
        ("You need to rest more, so what could you drop?", "no-advice"),
        ("Have you tried a walk after work?", "yes-no-opening"),
        ("What went well? Tell me more.", "one-question"),
    ],
)
def test_subtler_breaks_are_caught(text: str, rule: str) -> None:
    assert rule in [found for found, _ in lint_text(text)]


def test_lint_command_reports_one_line_per_problem_and_exits_1(tmp_path: Path) -> None:
    doc = theme_doc()
    doc["questions"][0]["text"] = "Why did that happen?"
    doc["questions"][1]["stage"] = "someday"
    write_yaml(tmp_path / "rest.yaml", doc)

    code, out = lint_command(str(tmp_path))

    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(lint_path(tmp_path)) == 3  # schema, open-question, no-why
    assert all(re.match(r"^\S*rest\.yaml: rest\.q0[12]: [a-z-]+: .+", line) for line in lines)


def test_lint_command_is_clean_on_a_good_directory_and_skips_messages_yaml(tmp_path: Path) -> None:
    write_yaml(tmp_path / "rest.yaml", theme_doc())
    (tmp_path / "messages.yaml").write_text("welcome: Hello {name}.\n")
    # 3 theme follow-ups, and 2 questions with 2 follow-ups each; the catalogue is checked as a catalogue
    assert lint_command(str(tmp_path)) == (0, "9 prompts checked and 1 messages checked (en), no problems")


def test_lint_command_on_a_missing_path_exits_2_with_an_example(tmp_path: Path) -> None:
    code, out = lint_command(str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such file or directory" in out and "nowhere" in out
    assert "Example: microcoach prompts lint" in out and "Traceback" not in out


def test_lint_command_on_invalid_yaml_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "rest.yaml").write_text("theme: rest\nquestions: [\n  - id: x\n")
    code, out = lint_command(str(tmp_path))
    assert code == 2
    assert "rest.yaml: not valid YAML (line" in out
    assert "theme: rest" in out.split("\n", 1)[1]  # a correct example follows
    assert "Traceback" not in out


def test_lint_command_on_an_empty_directory_exits_2(tmp_path: Path) -> None:
    code, out = lint_command(str(tmp_path))
    assert code == 2 and "no prompt files" in out


def test_problem_str_is_file_id_rule_message() -> None:
    problem = LintProblem("a.yaml", "rest.q01", "no-why", "uses 'why'")
    assert str(problem) == "a.yaml: rest.q01: no-why: uses 'why'"
