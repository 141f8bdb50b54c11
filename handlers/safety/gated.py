"""A long helper pattern (idioms, "me too") split at its alternatives, each tried only when its gate passes."""

from __future__ import annotations

import re

from handlers.safety.anchors import alternatives, gate, text_words


class Gated:
    """A pattern split at its top-level alternatives, each tried only when its gate passes.

    For the long helper patterns (idioms, "me too"): `search` and `sub` as on a compiled pattern, except
    that `sub` replaces alternative by alternative.
    """

    def __init__(self, pattern: str) -> None:
        re.compile(pattern)  # valid as a whole
        self.parts = tuple((re.compile(alt), gate(alt)) for alt in alternatives(pattern))

    def _open(self, text: str, words: set[str] | None):
        words = text_words(text) if words is None else words
        return [rx for rx, gate_ in self.parts if gate_ is None or gate_.open(text, words)]

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
