"""The prompt library's vocabulary: prompts, questions, themes, and one language's Library with cue matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Prompt:
    """One thing the bot asks. kind: question | follow_up | step | followthrough."""

    id: str
    text: str
    theme: str
    kind: str
    stage: str = ""
    fits: str = "any"
    parent: str | None = None


@dataclass(frozen=True)
class Question(Prompt):
    """A question that opens a check-in, with its own follow-ups (Options-stage questions)."""

    follow_ups: tuple[Prompt, ...] = ()


@dataclass(frozen=True)
class Theme:
    """A theme: its cue words and the follow-ups used when a reply drifts into it."""

    id: str
    title: str
    cues: tuple[str, ...]
    follow_ups: tuple[Prompt, ...]


def fold(text: str) -> str:
    """`text` without accents or diacritics (cansó -> canso, año -> ano), for matching and comparing.

    People type on phones with and without accents, so matching must not depend on them.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Library:
    """One language's prompts, indexed by id, plus cue matching for fitting a follow-up to a reply."""

    def __init__(
        self,
        themes: Iterable[Theme],
        questions: Iterable[Question],
        steps: Iterable[Prompt],
        followthroughs: Iterable[Prompt],
        language: str = "en",
    ) -> None:
        self.language = language
        self.themes: dict[str, Theme] = {theme.id: theme for theme in themes}
        self.questions: tuple[Question, ...] = tuple(questions)
        self.steps: tuple[Prompt, ...] = tuple(steps)
        self.followthroughs: tuple[Prompt, ...] = tuple(followthroughs)
        self._by_id = {prompt.id: prompt for prompt in self.all_prompts()}
        self._cues = {tid: _cue_pattern(theme.cues) for tid, theme in self.themes.items() if theme.cues}

    def all_prompts(self) -> Iterator[Prompt]:
        """Questions with their follow-ups, then theme follow-ups, steps and followthroughs."""
        for question in self.questions:
            yield question
            yield from question.follow_ups
        for theme in self.themes.values():
            yield from theme.follow_ups
        yield from self.steps
        yield from self.followthroughs

    def __contains__(self, prompt_id: object) -> bool:
        return prompt_id in self._by_id

    def question(self, prompt_id: str) -> Question:
        found = self._by_id.get(prompt_id)
        if isinstance(found, Question):
            return found
        what = f"is a {found.kind}, not a question" if found else "is not in the prompt library"
        raise KeyError(f"prompt id {prompt_id!r} {what}")

    def prompt(self, prompt_id: str) -> Prompt:
        try:
            return self._by_id[prompt_id]
        except KeyError:
            raise KeyError(f"prompt id {prompt_id!r} is not in the prompt library") from None

    def cue_themes(self, text: str) -> list[str]:
        """Themes whose cues occur in `text` (whole words, any case, accents ignored), most hits first,
        ties by theme id."""
        text = fold(text.replace("\u2019", "'"))
        hits = {tid: len(pattern.findall(text)) for tid, pattern in self._cues.items()}
        return sorted((tid for tid, count in hits.items() if count), key=lambda tid: (-hits[tid], tid))


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    # Longest first, so "night shift" counts once rather than also as "night". Folded like the text.
    folded = {fold(cue) for cue in cues}
    alternatives = "|".join(re.escape(cue) for cue in sorted(folded, key=lambda cue: (-len(cue), cue)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
