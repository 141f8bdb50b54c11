"""One rule of the net: a named pattern, the level it raises, and when it should say less."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A pattern over normalised text (see text.py) and what a first-person match means.

    `at_work`: the level instead when the message is about work ("I have a plan" next to a patient or a
    shift); "none" drops the match. `requires`: a second pattern the whole message must contain (a means,
    for "I have enough to do it"). `marked`: the match itself names the speaker (Spanish verb endings:
    "quiero" is mine, "quiere" is someone else's), so no subject is looked for around it. `subject_before`:
    the subject is looked for before the match only (a pairing names objects and others inside it: "took
    my dad's revolver out"). `first_person`: when the message names others and never the writer, the match
    is theirs ("drove into the median on purpose per EMS, he's in CT"): a chart note, not a disclosure.
    `writer_named`: stricter, the message must name the writer ("swallowed 60 tylenol" alone is a chart
    note; "i swallowed 60 tylenol" is not). `unless`: a pattern that, found anywhere in the message, drops
    the match ("before my flight").
    """

    name: str
    level: str  # concern | crisis
    pattern: str
    at_work: str | None = None
    requires: str | None = None
    marked: bool = False
    subject_before: bool = False
    first_person: bool = False
    writer_named: bool = False
    unless: str | None = None


def crisis(name: str, pattern: str, **options) -> Rule:
    return Rule(name, "crisis", pattern, **options)


def concern(name: str, pattern: str, **options) -> Rule:
    return Rule(name, "concern", pattern, **options)


def leveled(level: str, pairs: tuple[tuple[str, str], ...]) -> tuple[Rule, ...]:
    """(name, pattern) pairs, all at one level."""
    return tuple(Rule(name, level, pattern) for name, pattern in pairs)


def near(first: str, second: str, gap: int = 60, *, ordered: bool = False) -> str:
    """Two concepts within `gap` characters of each other, in either order (or in this order when `ordered`).

    Sentence ends may fall between them ("took a whole bottle. woke up monday like nothing happened"); a
    blanked span ("~": someone else's quoted words, an idiom) may not. Each order is a top-level
    alternative, so each gets its own gate (anchors.py): both concepts' words must be in the message.
    """
    forward = rf"{first}[^~]{{0,{gap}}}?{second}"
    return forward if ordered else rf"{forward}|{second}[^~]{{0,{gap}}}?{first}"


def spread(concept: str) -> str:
    """A concept `\\b(?:a|b|c)\\b` as top-level alternatives `\\b(?:a)\\b|\\b(?:b)\\b|...`: the same matches.

    For `requires=`: each alternative then gets its own gate (gated.py), so a long concept costs a few word
    lookups rather than a regex run over the message. Anything else is returned as it is.
    """
    from handlers.safety.anchors import alternatives  # here: anchors is the scan's business, not the rules'

    head = "\\b" if concept.startswith("\\b(?:") else ""
    tail = "\\b" if concept.endswith(")\\b") else ""
    inner = concept[len(head) : len(concept) - len(tail)]
    if not inner.startswith("(?:") or _group_end(inner) != len(inner) - 1:
        return concept
    parts = alternatives(inner[3:-1])
    return concept if len(parts) == 1 else "|".join(f"{head}(?:{part}){tail}" for part in parts)


def _group_end(pattern: str) -> int:
    """Where the group opening `pattern` closes (escapes and character classes skipped)."""
    from handlers.safety.anchors import structure  # here, as alternatives above

    return next((i for i, char, depth in structure(pattern) if char == ")" and depth == 0), -1)
