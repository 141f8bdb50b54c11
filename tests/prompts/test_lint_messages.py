"""prompts.lint_messages: each catalogue rule fails on a bad catalogue, in any language, through the lint CLI verb."""

from __future__ import annotations

from pathlib import Path

import pytest

from prompts.lint import lint_command
from prompts.lint_messages import catalogue_files, lint_catalogues, placeholders
from tests.prompts.conftest import theme_doc, write_yaml

ENGLISH = {
    "welcome": "Hi {name}, I'm microcoach.",
    "ack": ["Thank you.", "Noted, {name}."],
    "snoozed": "I'll ask again around {time}.",
}
SPANISH = {
    "welcome": "Hola, {name}, soy microcoach.",
    "ack": ["Gracias.", "Anotado, {name}."],
    "snoozed": "Te pregunto de nuevo a las {time}.",
}


def catalogues(root: Path, english: dict, **others: dict) -> Path:
    """Write root/messages.yaml and root/<code>/messages.yaml for each language in `others`."""
    write_yaml(root / "messages.yaml", english)
    for code, catalogue in others.items():
        write_yaml(root / code / "messages.yaml", catalogue)
    return root


def problems(root: Path) -> list[tuple[str, str, str]]:
    """(file relative to root, key, rule) for every problem in the catalogues under root."""
    found, _ = lint_catalogues(catalogue_files(root))
    return [(str(Path(file).relative_to(root)), key, rule) for file, key, rule, _ in found]


def messages_of(root: Path) -> list[str]:
    return [message for *_, message in lint_catalogues(catalogue_files(root))[0]]


def test_catalogues_in_step_have_no_problems(tmp_path: Path) -> None:
    assert lint_catalogues(catalogue_files(catalogues(tmp_path, ENGLISH, es=SPANISH))) == ([], {"en": 3, "es": 3})


def test_a_key_missing_in_the_other_language_names_the_key_and_the_file_that_lacks_it(tmp_path: Path) -> None:
    spanish = {key: text for key, text in SPANISH.items() if key != "snoozed"}
    root = catalogues(tmp_path, ENGLISH, es=spanish)

    assert problems(root) == [("es/messages.yaml", "snoozed", "missing-key")]
    assert "messages.yaml but not here; add its 'es' text" in messages_of(root)[0]


def test_a_key_missing_in_english_is_named_in_the_english_file(tmp_path: Path) -> None:
    root = catalogues(tmp_path, ENGLISH, es={**SPANISH, "extra": "Algo más."})

    assert problems(root) == [("messages.yaml", "extra", "missing-key")]
    assert "es/messages.yaml but not here" in messages_of(root)[0]


@pytest.mark.parametrize(
    ("key", "text", "says"),
    [
        ("welcome", "Hola, {nombre}, soy microcoach.", "uses {nombre}; the 'en' text uses {name}"),
        ("snoozed", "Te pregunto de nuevo más tarde.", "uses no placeholders; the 'en' text uses {time}"),
        ("snoozed", "A las {time}, {name}.", "uses {name}, {time}; the 'en' text uses {time}"),
        ("ack", ["Gracias.", "Anotado."], "variant 2 uses no placeholders; the 'en' text uses {name}"),
        ("ack", ["Gracias, {name}.", "Anotado, {name}."], "variant 1 uses {name}; the 'en' text uses no placeholders"),
        ("welcome", "Hola, {name, soy microcoach.", "is not a valid template"),
    ],
    ids=["renamed", "dropped", "added", "variant-dropped", "variant-added", "stray-brace"],
)
def test_placeholders_must_match_per_key_and_per_variant(tmp_path: Path, key: str, text: object, says: str) -> None:
    root = catalogues(tmp_path, ENGLISH, es={**SPANISH, key: text})

    assert problems(root) == [("es/messages.yaml", key, "placeholders")]
    assert says in messages_of(root)[0]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (["Gracias."], "has 1 variants; the 'en' text has 2 variants"),
        (["Gracias.", "Anotado, {name}.", "Bien."], "has 3 variants; the 'en' text has 2 variants"),
        ("Gracias, {name}.", "is a single text; the 'en' text has 2 variants"),
    ],
    ids=["fewer", "more", "not-a-list"],
)
def test_list_messages_need_the_same_number_of_variants(tmp_path: Path, text: object, says: str) -> None:
    root = catalogues(tmp_path, ENGLISH, es={**SPANISH, "ack": text})

    assert problems(root) == [("es/messages.yaml", "ack", "variants")]
    assert says in messages_of(root)[0]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        (None, "is empty"),
        ([], "is an empty list"),
        (["Thank you.", " "], "variant 2 is empty"),
    ],
    ids=["empty", "blank", "null", "empty-list", "empty-variant"],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_text_may_be_empty_in_any_language(tmp_path: Path, language: str, text: object, says: str) -> None:
    english, spanish = dict(ENGLISH), dict(SPANISH)
    (english if language == "en" else spanish)["pulse_noted"] = text
    (spanish if language == "en" else english)["pulse_noted"] = "Noted." if not isinstance(text, list) else ["a", "b"]
    root = catalogues(tmp_path, english, es=spanish)

    file = "messages.yaml" if language == "en" else "es/messages.yaml"
    assert (file, "pulse_noted", "empty") in problems(root)
    assert any(says in message for message in messages_of(root))


def test_a_third_language_is_checked_the_same_way(tmp_path: Path) -> None:
    french = {"welcome": "Bonjour {prenom}.", "ack": ["Merci."]}
    root = catalogues(tmp_path, ENGLISH, es=SPANISH, fr=french)

    assert problems(root) == [
        ("fr/messages.yaml", "snoozed", "missing-key"),
        ("fr/messages.yaml", "welcome", "placeholders"),
        ("fr/messages.yaml", "ack", "variants"),
    ]
    assert list(catalogue_files(root)) == ["en", "es", "fr"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("welcome: [\n", "not valid YAML (line"),
        ("- Hola\n- Adiós\n", "must be a mapping of message names to texts"),
        (
            "welcome: {text: Hola}\nack: [Gracias., 'Anotado, {name}.']\nsnoozed: 'A las {time}.'\n",
            "must be a text or a list of texts, got dict",
        ),
    ],
    ids=["invalid-yaml", "a-list", "a-mapping-value"],
)
def test_a_file_or_text_that_is_no_catalogue_is_one_schema_problem(tmp_path: Path, content: str, says: str) -> None:
    root = catalogues(tmp_path, ENGLISH)
    (root / "es").mkdir()
    (root / "es" / "messages.yaml").write_text(content, encoding="utf-8")

    found = lint_catalogues(catalogue_files(root))[0]

    assert [rule for _, _, rule, _ in found] == ["schema"]
    assert says in found[0][3] and "a catalogue looks like: welcome:" in found[0][3]


def test_lint_command_checks_catalogues_and_prints_file_key_rule_message(tmp_path: Path) -> None:
    spanish = {**SPANISH, "snoozed": "Te pregunto de nuevo más tarde."}
    spanish.pop("welcome")
    root = catalogues(tmp_path, ENGLISH, es=spanish)

    code, out = lint_command(str(root))

    assert code == 1
    assert out.splitlines() == [
        f"{root / 'es' / 'messages.yaml'}: welcome: missing-key: is in {root / 'messages.yaml'} but not here; "
        "add its 'es' text",
        f"{root / 'es' / 'messages.yaml'}: snoozed: placeholders: uses no placeholders; the 'en' text uses {{time}}",
    ]


def test_lint_command_on_one_language_file_checks_it_against_english(tmp_path: Path) -> None:
    root = catalogues(tmp_path, ENGLISH, es=SPANISH, fr={"welcome": "Bonjour."})

    assert lint_command(str(root / "es" / "messages.yaml")) == (0, "3 messages checked (en, es), no problems")
    code, out = lint_command(str(root / "fr" / "messages.yaml"))
    assert code == 1 and "fr/messages.yaml: welcome: placeholders" in out


def test_lint_command_checks_prompts_and_catalogues_together(tmp_path: Path) -> None:
    write_yaml(tmp_path / "questions" / "rest.yaml", theme_doc())
    root = catalogues(tmp_path, ENGLISH, es={**SPANISH, "ack": ["Gracias."]})

    code, out = lint_command(str(root))

    assert code == 1 and out.endswith("es/messages.yaml: ack: variants: has 1 variants; the 'en' text has 2 variants")


def test_placeholders_are_the_names_a_template_fills() -> None:
    assert placeholders("{name}, at {time!s} on {days:>5}; {{literal}}") == {"name", "time", "days"}
    with pytest.raises(ValueError):
        placeholders("a stray { brace")
