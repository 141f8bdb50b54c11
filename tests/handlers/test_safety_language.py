"""The reply language: a Spanish locale, or a message that is clearly Spanish; English never called Spanish."""

from __future__ import annotations

import pytest

from handlers.safety import evaluation as ev
from handlers.safety.language import is_spanish, language_for
from tests.handlers.test_safety import MUST_ASK, MUST_FIRE, MUST_NOT_FIRE

CASES = ev.load(ev.default_paths())
ENGLISH = [c.text for c in CASES if c.lang == "en"] + [t for _, t in MUST_FIRE + MUST_ASK + MUST_NOT_FIRE]


def test_no_english_line_is_called_spanish() -> None:
    assert [t for t in ENGLISH if is_spanish(t)] == []


def test_spanish_lines_are_recognised() -> None:
    own = [c.text for c in CASES if c.lang == "es" and c.source.startswith("evaluation.tsv")]
    assert [t for t in own if not is_spanish(t)] == []
    # A blind set's author labels Spanglish by the speaker ("no sé, I just don't see the point anymore"): a line
    # mostly in English may get the English reply unless the person's locale says Spanish. Nearly all must pass.
    blind = [c.text for c in CASES if c.lang == "es" and not c.source.startswith("evaluation.tsv")]
    assert sum(is_spanish(t) for t in blind) >= 0.98 * len(blind)


@pytest.mark.parametrize(
    "text",
    [
        "Dr. de la Cruz was great today",
        "pt with an MI, no chest pain now",
        "la la land",
        "me too",
        "no",
        "sí",
        "",
        "🙂",
    ],
)
def test_too_little_or_shared_words_are_not_spanish(text: str) -> None:
    assert is_spanish(text) is False


@pytest.mark.parametrize(
    "locale, text, expected",
    [
        ("es-ES", "I want to die", "es"),
        ("es-419", "", "es"),
        ("ES", "", "es"),
        ("en-US", "quiero morirme, ya no puedo más", "es"),
        (None, "me quiero matar esta noche", "es"),
        ("en-GB", "I want to die", "en"),
        (None, "", "en"),
        ("pt-BR", "I can't do this anymore", "en"),
    ],
)
def test_language_for_a_reply(locale: str | None, text: str, expected: str) -> None:
    assert language_for(locale, text) == expected
