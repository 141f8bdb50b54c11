"""prompts.lint_es and the lint by language: each Spanish rule on its own, and lint of both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from prompts.lint import lint_command, lint_path
from prompts.lint_es import lint_text
from tests.prompts.conftest import es_list_doc, es_theme_doc, list_doc, theme_doc, write_yaml

THIRTY_ONE_WORDS = (
    "Imagina el final de una semana larga en la unidad, con el localizador en silencio y las notas al día: "
    "¿qué te gustaría que hubiera pasado para entonces en tu vida?"
)
BROKEN_TEXTS = [
    ("paired-question-marks", "Qué salió bien hoy en la unidad?"),
    ("ends-with-question-mark", "Qué salió bien hoy en la unidad."),
    ("one-question", "¿Qué salió bien? ¿Qué salió mal?"),
    ("max-words", THIRTY_ONE_WORDS),
    ("open-question", "¿Cuéntame qué salió bien hoy en la unidad?"),
    ("yes-no-opening", "¿Has tenido un buen turno hoy en la unidad?"),
    ("no-why", "¿Qué te hizo pensar en por qué pasó eso?"),
    ("no-advice", "Intenta dormir más: ¿qué te ayudaría a lograrlo?"),
]


def es_file(tmp_path: Path, text: str) -> Path:
    doc = es_theme_doc()
    doc["questions"][1]["text"] = text
    return write_yaml(tmp_path / "es" / "questions" / "rest.yaml", doc)


@pytest.mark.parametrize(("rule", "text"), BROKEN_TEXTS, ids=[rule for rule, _ in BROKEN_TEXTS])
def test_each_spanish_rule_names_its_rule_the_prompt_and_the_file(tmp_path: Path, rule: str, text: str) -> None:
    file = es_file(tmp_path, text)

    problems = lint_path(file)

    assert [(p.prompt_id, p.rule) for p in problems] == [("es.rest.q02", rule)]
    assert str(problems[0]).startswith(f"{file}: es.rest.q02: {rule}: ")


@pytest.mark.parametrize(
    "opener",
    ["Has", "Puedes", "Estás", "Tienes", "Crees", "Hay", "Te", "Es", "Quieres", "Podrías", "Sientes", "Alguna vez"],
)
def test_yes_no_openers_are_refused(opener: str) -> None:
    rules = [rule for rule, _ in lint_text(f"¿{opener} algo de tiempo para ti esta semana?")]
    assert rules == ["yes-no-opening"]


@pytest.mark.parametrize(
    "text",
    [
        "Deberías descansar más, ¿qué te lo impide?",
        "¿Qué pasaría si te dieras cuenta de que tienes que parar?",
        "Te recomiendo una pausa: ¿cuándo podrías tomarla?",
        "Prueba a dormir una siesta: ¿cómo te iría?",
        "Haz una lista y dime, ¿qué pondrías primero?",
        "¿Qué tal si sales a caminar después del turno?",
        "Recuerda comer algo, ¿qué tienes a mano?",
        "No olvides tomar agua, ¿cómo vas con eso?",
    ],
)
def test_advice_is_refused(text: str) -> None:
    assert "no-advice" in [rule for rule, _ in lint_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "¿Por qué no lo dijiste antes?",
        "¿Qué opinas del porqué de esa decisión?",
        "¿A qué se debe tanto cansancio esta semana?",
        "¿Cómo es que nadie lo notó?",
    ],
)
def test_why_in_any_form_is_refused(text: str) -> None:
    assert "no-why" in [rule for rule, _ in lint_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "¿Qué salió bien hoy?",
        "¿Cómo te fue?",
        "¿Cuál fue el mejor momento del turno?",
        "¿Cuáles son tus señales de cansancio?",
        "¿Cuándo descansaste de verdad por última vez?",
        "¿Dónde encuentras calma?",
        "¿Quién te cuida a ti?",
        "¿Quiénes te sostienen en una semana así?",
        "¿Cuánto dormiste anoche?",
        "¿Cuánta energía te queda?",
        "¿Cuántos días libres tuviste este mes?",
        "¿Cuántas pausas pudiste hacer?",
        "¿De qué manera cuidas tu descanso?",
        "¿En qué piensas al salir del hospital?",
        "¿A quién le contarías esto?",
        "¿Con quién hablas de tus turnos?",
        "¿Para qué te sirve ese rato a solas?",
        "¿Hasta qué punto sientes que tienes voz en tu unidad?",
        "¿Y qué te llevas de hoy?",
        "Después de un turno así, ¿qué necesita tu cuerpo?",
        "Si tuvieras una hora libre, ¿cómo la usarías?",
        "¿Qué tienes que dejar listo antes de irte?",
        "¿Qué es importante para ti esta semana?",
        "¿Qué te ayudaría, aunque sea un poco, a descansar?",
    ],
)
def test_open_questions_pass(text: str) -> None:
    assert lint_text(text) == []


@pytest.mark.parametrize(
    ("text", "rule", "words"),
    [
        ("¿Que te ayudó hoy?", "open-question", "written 'qué'"),
        ("¿Como te fue?", "open-question", "written 'cómo'"),
        ("¿Qué salió bien y qué no?", "one-question", "'y qué'"),
        ("¿Qué te ayuda, y con quién lo compartes?", "one-question", "con quién"),
        ("¿Qué tal? Cuéntame más.", "one-question", "words after its question"),
        ("¿Qué pasó?¿", "paired-question-marks", "2 '¿' and 1 '?'"),
        ("?Qué pasó¿", "paired-question-marks", "1 '¿' and 1 '?'"),
        ("¿Qué crees que tienes que hacer?", "no-advice", "'tienes que'"),
    ],
)
def test_subtler_spanish_breaks_are_caught(text: str, rule: str, words: str) -> None:
    found = [(found, message) for found, message in lint_text(text) if found == rule]
    assert found and words in found[0][1], lint_text(text)


def test_spanish_duplicates_ignore_accents_case_and_punctuation(tmp_path: Path) -> None:
    doc = es_theme_doc()
    doc["questions"][0]["text"] = "¿Qué te dio energía hoy?"
    doc["questions"][1]["text"] = "¿QUÉ te dio  energia hoy?"
    write_yaml(tmp_path / "es" / "rest.yaml", doc)

    problems = lint_path(tmp_path)

    assert [(p.rule, p.prompt_id) for p in problems] == [("duplicate", "es.rest.q02")]
    assert "same text as es.rest.q01" in problems[0].message


def test_each_file_is_linted_by_its_own_languages_rules(tmp_path: Path) -> None:
    english = theme_doc()
    english["questions"][0]["text"] = "¿Qué salió bien hoy?"  # Spanish in an English file
    write_yaml(tmp_path / "rest.yaml", english)
    marked = theme_doc("home")  # English in a file that says it is Spanish
    marked["language"] = "es"
    write_yaml(tmp_path / "mine" / "home.yaml", marked)

    rules = {(p.prompt_id, p.rule) for p in lint_path(tmp_path)}

    assert ("rest.q01", "open-question") in rules  # English rules: "¿qué" is no English opener
    assert ("home.q01", "paired-question-marks") in rules  # Spanish rules on the marked file
    assert ("home.q01", "schema") in rules  # and Spanish ids must start with "es."


def test_lint_across_languages_finds_a_shared_id_and_a_missing_theme(tmp_path: Path) -> None:
    write_yaml(tmp_path / "rest.yaml", theme_doc("rest"))
    write_yaml(tmp_path / "home.yaml", theme_doc("home"))
    spanish = es_theme_doc("rest")
    spanish["follow_ups"][0]["id"] = "rest.t1"  # an English id in a Spanish file
    write_yaml(tmp_path / "es" / "rest.yaml", spanish)

    across = [p for p in lint_path(tmp_path) if p.rule == "languages"]

    assert [(p.prompt_id, p.file) for p in across] == [
        ("rest.t1", str(tmp_path / "es" / "rest.yaml")),
        ("", str(tmp_path / "es" / "rest.yaml")),  # where that language's files are
    ]
    assert "also used by the 'en' prompts" in across[0].message
    assert "the 'es' prompts have no theme home" in across[1].message


def test_lint_command_lints_a_spanish_directory_and_counts_both_languages(tmp_path: Path) -> None:
    write_yaml(tmp_path / "es" / "questions" / "rest.yaml", es_theme_doc())
    write_yaml(tmp_path / "es" / "steps.yaml", es_list_doc("step"))
    assert lint_command(str(tmp_path / "es")) == (0, "11 prompts checked, no problems")

    write_yaml(tmp_path / "questions" / "rest.yaml", theme_doc())
    write_yaml(tmp_path / "steps.yaml", list_doc("step"))
    assert lint_command(str(tmp_path)) == (0, "22 prompts checked (11 en, 11 es), no problems")


def test_lint_command_on_a_bad_spanish_line_exits_1_naming_the_rule(tmp_path: Path) -> None:
    es_file(tmp_path, "¿Por qué pasó eso?")
    code, out = lint_command(str(tmp_path))
    assert code == 1
    assert out.endswith(
        "es/questions/rest.yaml: es.rest.q02: no-why: uses 'por qué', which invites defensiveness; ask qué or cómo"
    )


def test_every_language_has_text_rules() -> None:
    from prompts.library import ID_PREFIXES
    from prompts.lint import TEXT_RULES

    assert set(TEXT_RULES) == set(ID_PREFIXES)
