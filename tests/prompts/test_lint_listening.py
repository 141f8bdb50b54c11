"""The listening texts are linted: same keys in every language, no advice, no why, no diagnosis, open questions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prompts.lint import LISTENING_RULES, lint_command
from prompts.lint_listening import lint_listening
from prompts.messages import DATA_DIR


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "es").mkdir()
    shutil.copy(DATA_DIR / "listening.yaml", tmp_path / "listening.yaml")
    shutil.copy(DATA_DIR / "es" / "listening.yaml", tmp_path / "es" / "listening.yaml")
    return tmp_path


def test_the_shipped_listening_texts_pass(data: Path) -> None:
    assert lint_listening(DATA_DIR, LISTENING_RULES) == []
    assert lint_command(str(DATA_DIR / "listening.yaml")) == (0, "listening texts checked, no problems")


@pytest.mark.parametrize(
    ("file", "text", "rule"),
    [
        ("listening.yaml", "That sounds hard. You should take a break.", "no-advice"),
        ("listening.yaml", "That sounds hard. Why do you think it happened.", "no-why"),
        ("listening.yaml", "That sounds like depression.", "no-diagnosis"),
        ("listening.yaml", "That sounds like burnout to me.", "no-diagnosis"),
        ("es/listening.yaml", "Suena duro. Deberías descansar.", "no-advice"),
        ("es/listening.yaml", "Suena duro. ¿Por qué pasó?", "no-why"),
        ("es/listening.yaml", "Suena a ansiedad.", "no-diagnosis"),
    ],
)
def test_telling_asking_why_and_diagnosing_are_refused(data: Path, file: str, text: str, rule: str) -> None:
    path = data / file
    path.write_text(path.read_text(encoding="utf-8") + f'\nclose_extra: "{text}"\n', encoding="utf-8")
    other = data / ("es/listening.yaml" if file == "listening.yaml" else "listening.yaml")
    other.write_text(other.read_text(encoding="utf-8") + '\nclose_extra: "Gracias."\n', encoding="utf-8")
    rules = {problem[2] for problem in lint_listening(data, LISTENING_RULES)}
    assert rule in rules


def test_a_question_must_be_one_open_question(data: Path) -> None:
    for file, text in (("listening.yaml", "Did that help?"), ("es/listening.yaml", "¿Te ayudó?")):
        path = data / file
        path.write_text(path.read_text(encoding="utf-8") + f'\nextra_question: "{text}"\n', encoding="utf-8")
    assert {problem[2] for problem in lint_listening(data, LISTENING_RULES)} >= {"yes-no-opening"}


def test_a_key_one_language_lacks_is_named(data: Path) -> None:
    path = data / "listening.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '\nonly_english: "Thanks."\n', encoding="utf-8")
    problems = lint_listening(data, LISTENING_RULES)
    assert any(problem[1] == "only_english" and problem[2] == "missing-key" for problem in problems)
