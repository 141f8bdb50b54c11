"""Gates in use: an index of many gates at once, and a long helper pattern tried only where its gates pass."""

from __future__ import annotations

import re
from collections.abc import Iterable

from handlers.safety.anchors import Gate, alternatives, gate, text_words


class GateIndex:
    """Which of many gates pass on a text, found with two indexes rather than a test per gate.

    Most gates are whole words ("myself", "burden"): the text's set of words meets them in one lookup
    each. The rest are substrings, at least three characters long, filed under their first three: a few
    hundred short searches (in C) rule out most of them at once. A key without a gate always passes.
    """

    def __init__(self, gates: Iterable[tuple[int, Gate | None]]) -> None:
        self.always: set[int] = set()
        self.also: dict[int, Gate] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_needle: dict[str, list[int]] = {}
        by_head: dict[str, list[str]] = {}
        for key, gate_ in gates:
            if gate_ is None:
                self.always.add(key)
                continue
            if gate_.also is not None:
                self.also[key] = gate_.also
            if gate_.words is not None:
                for word in gate_.words:
                    self.by_word.setdefault(word, []).append(key)
            else:
                for needle in gate_.needles:
                    if needle not in self.by_needle:
                        by_head.setdefault(needle[:3], []).append(needle)
                    self.by_needle.setdefault(needle, []).append(key)
        self.heads = tuple(by_head.items())
        self.words = frozenset(self.by_word)  # set & set walks the smaller of the two, in C

    def open_parts(self, text: str, words: set[str]) -> set[int]:
        """The keys whose gates pass on `text` (`words` is text_words(text))."""
        found: set[int] = set()
        for word in self.words & words:
            found.update(self.by_word[word])
        for head, needles in self.heads:
            if head in text:
                for needle in needles:
                    if needle in text:
                        found.update(self.by_needle[needle])
        # The first requirement is indexed; the second is checked only for parts that met the first.
        return self.always | {key for key in found if (also := self.also.get(key)) is None or also.holds(text, words)}


class Gated:
    """A pattern split at its top-level alternatives, each tried only when its gate passes.

    For the long helper patterns (idioms, "me too", what a rule `requires`): `search` and `sub` as on a
    compiled pattern, except that `sub` replaces alternative by alternative.
    """

    def __init__(self, pattern: str) -> None:
        re.compile(pattern)  # valid as a whole
        parts = alternatives(pattern)
        self.parts = tuple(re.compile(alt) for alt in parts)
        self.index = GateIndex((i, gate(alt)) for i, alt in enumerate(parts))

    def _open(self, text: str, words: set[str] | None) -> list[re.Pattern[str]]:
        words = text_words(text) if words is None else words
        passing = self.index.open_parts(text, words)
        return [rx for i, rx in enumerate(self.parts) if i in passing]

    def search(self, text: str, words: set[str] | None = None) -> re.Match[str] | None:
        """As Pattern.search; `words` is text_words(text) when the caller has it already."""
        for rx in self._open(text, words):
            match = rx.search(text)
            if match:
                return match
        return None

    def sub(self, replacement: str, text: str, words: set[str] | None = None) -> str:
        for rx in self._open(text, words):
            text = rx.sub(replacement, text)
        return text
