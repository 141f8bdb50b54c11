"""Every message key renders in every shipped language, from that language's own text, and keeps the markup."""

from __future__ import annotations

import re

import pytest

from prompts.lint_messages import catalogue_files, placeholders
from prompts.messages import DATA_DIR, messages, render

LANGUAGES = list(catalogue_files(DATA_DIR))
KEYS = list(messages("en"))
COMMAND = re.compile(r"/(checkin|coach|nudge)\b")


def texts(key: str, language: str) -> list[str]:
    text = messages(language)[key]
    return text if isinstance(text, list) else [text]


def test_spanish_and_english_are_shipped() -> None:
    assert LANGUAGES[:2] == ["en", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", KEYS)
def test_every_key_renders_with_dummy_values_in_every_language(key: str, language: str) -> None:
    for variant, template in enumerate(texts(key, language)):
        values = {name: f"<{name}>" for name in placeholders(template)}

        rendered = render(key, variant, language=language, **values)

        # The language's own text (no English fallback), every placeholder filled (escaped) and nothing left.
        escaped = {name: f"&lt;{name}&gt;" for name in values}
        assert rendered == template.format(**escaped)
        assert rendered.strip() and "{" not in rendered and "}" not in rendered


@pytest.mark.parametrize("language", LANGUAGES[1:])
@pytest.mark.parametrize("key", KEYS)
def test_every_key_keeps_the_slash_commands_and_pairs_its_markup(key: str, language: str) -> None:
    for english, other in zip(texts(key, "en"), texts(key, language), strict=True):
        # Command names stay English: the same ones are named, in the same order of first mention.
        assert list(dict.fromkeys(COMMAND.findall(other))) == list(dict.fromkeys(COMMAND.findall(english)))
        # *bold* and `code` come in pairs, or Slack shows stray marks.
        assert other.count("`") % 2 == 0 and other.count("*") % 2 == 0, other


@pytest.mark.parametrize("language", LANGUAGES[1:])
@pytest.mark.parametrize("key", [key for key in KEYS if key.startswith("help_") or key == "welcome"])
def test_help_texts_still_show_every_english_subcommand_word(key: str, language: str) -> None:
    """Spanish words come first, but an English word a help text names must still be shown (it still works)."""
    shown = {word for span in re.findall(r"`([^`]*)`", messages(language)[key]) for word in span.split()}
    english = re.findall(r"/(?:checkin|coach|nudge)\s+([^\s`]+)", messages("en")[key])
    assert [word for word in english if word not in shown] == []


def test_the_spanish_help_shows_the_spanish_subcommand_words() -> None:
    help_text = "\n".join(messages("es")[key] for key in KEYS if key.startswith("help_"))
    words = "pausa reanudar hora privacidad exportar borrar parar zona temas perfil ajustes estado cancelar"
    assert [word for word in words.split() if f" {word}" not in help_text] == []
