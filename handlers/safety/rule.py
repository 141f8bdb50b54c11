"""One rule of the net: a named pattern, the level it raises, and when it should say less."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A pattern over normalised text (see text.py) and what a first-person match means.

    `at_work`: the level instead when the message is about work ("I have a plan" next to a patient or a
    shift); "none" drops the match. `requires`: a second pattern the whole message must contain (a means,
    for "I have enough to do it"). `marked`: the match itself names the speaker (Spanish verb endings:
    "quiero" is mine, "quiere" is someone else's), so no subject is looked for around it.
    """

    name: str
    level: str  # concern | crisis
    pattern: str
    at_work: str | None = None
    requires: str | None = None
    marked: bool = False


def crisis(name: str, pattern: str, **options) -> Rule:
    return Rule(name, "crisis", pattern, **options)


def concern(name: str, pattern: str, **options) -> Rule:
    return Rule(name, "concern", pattern, **options)


def leveled(level: str, pairs: tuple[tuple[str, str], ...]) -> tuple[Rule, ...]:
    """(name, pattern) pairs, all at one level."""
    return tuple(Rule(name, level, pattern) for name, pattern in pairs)
