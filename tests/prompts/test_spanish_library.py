"""The Spanish library: its content, the library by language, ids across languages, accent-blind cues."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from prompts.library import (
    DATA_DIR,
    PromptDataError,
    file_language,
    find_prompt,
    find_question,
    library_for,
    load_library,
    parse_by_language,
)
from prompts.lint import lint_parsed
from prompts.lint_es import lint_text
from tests.prompts.conftest import es_list_doc, es_theme_doc, list_doc, theme_doc, write_yaml


def spanish_texts(library) -> list[str]:
    return [prompt.text for prompt in library.all_prompts()]


def test_the_spanish_library_is_big_enough_and_has_the_english_themes() -> None:
    english, spanish = load_library(language="en"), load_library(language="es")
    per_theme = Counter(question.theme for question in spanish.questions)

    assert spanish.language == "es" and english.language == "en"
    assert len(spanish.questions) >= 150
    assert list(spanish.themes) == list(english.themes)  # same ids, same order
    assert set(per_theme) == set(spanish.themes) and min(per_theme.values()) >= 14
    assert all(2 <= len(question.follow_ups) <= 4 for question in spanish.questions)
    assert all(theme.cues and 3 <= len(theme.follow_ups) <= 5 for theme in spanish.themes.values())
    assert len(spanish.steps) >= 10 and len(spanish.followthroughs) >= 8
    assert {"start", "end", "any"} <= {question.fits for question in spanish.questions}
    titles = {tid: theme.title for tid, theme in spanish.themes.items()}
    assert titles["rest"] == "Límites, descanso y recuperación" and titles["workload"] == "Carga de trabajo y estrés"
    assert not set(titles.values()) & {theme.title for theme in english.themes.values()}


def test_every_spanish_prompt_passes_the_spanish_lint() -> None:
    groups = parse_by_language(DATA_DIR)
    assert lint_parsed(groups["es"]) == []
    assert [text for text in spanish_texts(load_library(language="es")) if lint_text(text)] == []


def test_ids_are_unique_across_languages_and_say_their_language() -> None:
    english, spanish = load_library(language="en"), load_library(language="es")
    english_ids = [prompt.id for prompt in english.all_prompts()]
    spanish_ids = [prompt.id for prompt in spanish.all_prompts()]

    assert len(set(english_ids + spanish_ids)) == len(english_ids) + len(spanish_ids)
    assert all(pid.startswith("es.") for pid in spanish_ids)
    assert not any(pid.startswith("es.") for pid in english_ids)
    assert all(q.id.startswith(f"es.{q.theme}.") for q in spanish.questions)


def test_a_stored_id_resolves_whatever_the_language() -> None:
    assert find_question("rest.q01").text == load_library().question("rest.q01").text
    assert find_question("es.rest.q01").text.startswith("¿")
    assert find_prompt("es.rest.q01.f1").parent == "es.rest.q01"
    assert find_prompt("es.followthrough.01").kind == "followthrough"
    assert library_for("es.step.01") is load_library(language="es")
    assert library_for("step.01") is load_library(language="en")
    with pytest.raises(KeyError, match="'es.rest.q99' is not in the prompt library of any language"):
        find_prompt("es.rest.q99")
    with pytest.raises(KeyError, match="is a follow_up, not a question"):
        find_question("es.rest.q01.f1")


def test_load_library_by_language_is_cached_and_refuses_an_unknown_one() -> None:
    assert load_library(language="es") is load_library(language="es")
    assert load_library() is load_library(language="en")
    with pytest.raises(ValueError, match="unknown language 'fr'; languages: en, es"):
        load_library(language="fr")


def test_followthroughs_are_open_and_never_assume_the_step_failed() -> None:
    failure = re.compile(r"impid|no pudiste|no lograste|fall|interpus|obst[aá]cul|no hiciste|por qu[eé]", re.I)
    for prompt in load_library(language="es").followthroughs:
        assert not failure.search(prompt.text), prompt.text
        assert not set('"\u201c\u201d\u00ab\u00bb') & set(prompt.text)
        assert prompt.text.startswith("¿") and prompt.text.endswith("?") and len(prompt.text.split()) <= 12


def test_spanish_hard_case_prompts_do_not_blame_or_second_guess() -> None:
    library = load_library(language="es")
    texts = [p.text for p in library.all_prompts() if p.theme == "hard-case"]
    blaming = ("culpa", "error", "equivoc", "fall", "debiste", "hubieras", "distint", "diferente", "salió mal")
    assert len(texts) > 40
    assert not [text for text in texts if any(word in text.lower() for word in blaming)]


def test_one_register_tu_throughout() -> None:
    usted_or_vos = re.compile(r"\b(usted|vos|vosotros|vosotras|vuestro|vuestra|os)\b", re.I)
    texts = spanish_texts(load_library(language="es"))
    assert not [text for text in texts if usted_or_vos.search(text)]
    assert sum(bool(re.search(r"\b(te|ti|tu|tus|contigo)\b", text)) for text in texts) > len(texts) / 2


@pytest.mark.parametrize(
    ("reply", "themes"),
    [
        ("Salí muy cansada de la guardia", ["rest", "workload"]),
        ("salí muy CANSADO de la guardia", ["rest", "workload"]),
        ("dormi fatal, casi nada de sueno", ["rest"]),  # typed without accents: dormí, sueño
        ("Doble turno otra vez y sin almorzar, con el censo a tope", ["workload"]),
        ("Una discusión con la residente en la entrega de turno", ["colleagues"]),
        ("No dejo de pensar en el código azul de ayer", ["hard-case"]),
        ("Una tarde tranquila", []),
    ],
)
def test_spanish_cues_match_whole_words_ignoring_case_and_accents(reply: str, themes: list[str]) -> None:
    assert load_library(language="es").cue_themes(reply)[: len(themes)] == themes
    if not themes:
        assert load_library(language="es").cue_themes(reply) == []


def test_english_never_picks_up_spanish_files_and_messages_are_skipped_in_both(tmp_path: Path) -> None:
    write_yaml(tmp_path / "questions" / "rest.yaml", theme_doc())
    write_yaml(tmp_path / "steps.yaml", list_doc("step"))
    write_yaml(tmp_path / "followthrough.yaml", list_doc("followthrough"))
    write_yaml(tmp_path / "es" / "questions" / "rest.yaml", es_theme_doc())
    write_yaml(tmp_path / "es" / "steps.yaml", es_list_doc("step"))
    write_yaml(tmp_path / "es" / "followthrough.yaml", es_list_doc("followthrough"))
    (tmp_path / "messages.yaml").write_text("welcome: Hello {name}.\n")
    (tmp_path / "es" / "messages.yaml").write_text("welcome: Hola {name}.\n")

    english = load_library(tmp_path, language="en")
    spanish = load_library(tmp_path / "es")  # one language there: found on its own

    assert [q.id for q in english.questions] == ["rest.q01", "rest.q02"]
    assert [q.id for q in spanish.questions] == ["es.rest.q01", "es.rest.q02"]
    assert spanish.language == "es" and "es.step.01" in spanish and "es.step.01" not in english
    with pytest.raises(PromptDataError, match=r"more than one language \(en, es\); name one"):
        load_library(tmp_path)


@pytest.mark.parametrize(
    ("path", "doc", "language"),
    [
        ("es/steps.yaml", {"kind": "step"}, "es"),
        ("es/questions/rest.yaml", {"theme": "rest"}, "es"),
        ("questions/rest.yaml", {"theme": "rest"}, "en"),
        ("mine/rest.yaml", {"theme": "rest", "language": "es"}, "es"),
        ("es/questions/rest.yaml", {"theme": "rest", "language": "en"}, "en"),  # the key wins
        ("es/deep/more/rest.yaml", {"theme": "rest"}, "en"),  # only the two nearest directories count
        ("es/questions/rest.yaml", ["not", "a", "mapping"], "es"),
    ],
)
def test_a_files_language_comes_from_its_key_or_its_directory(path: str, doc: object, language: str) -> None:
    assert file_language(Path("/srv/prompts") / path, doc) == language


@pytest.mark.parametrize("value", ["fr", ["es"]])
def test_an_unknown_language_key_is_a_schema_problem(tmp_path: Path, value: object) -> None:
    doc = theme_doc()
    doc["language"] = value
    write_yaml(tmp_path / "rest.yaml", doc)
    problems = lint_parsed(parse_by_language(tmp_path)["en"])
    assert [(p.rule, p.message) for p in problems] == [("schema", f"language must be one of en, es, got {value!r}")]
