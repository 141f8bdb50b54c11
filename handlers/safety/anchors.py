"""Cheap gates for the rules: the literal words a pattern cannot match without, read from the pattern itself.

Running ~170 patterns over every message is most of the net's cost, and most patterns cannot match most
messages. Each rule is gated on a small set of substrings, one of which any match must contain ("die" for
`want (?:\\w+ ){0,5}to die`); a plain `in` test over those (a fast search in C) is far cheaper than the
pattern, and far cheaper than one regular expression of the same alternatives. The set is derived
from the parsed pattern, so it cannot drift from it; when no useful set can be proved (a pattern that could
match with none), the rule has no gate and always runs. A failure here costs speed, never recall.
"""

from __future__ import annotations

import re
from itertools import product

try:  # the regular-expression parser; private, so its absence only means "no gates"
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a future Python without these modules
    sre_parse = sre = None

_MAX_SET = 64  # a gate of more substrings than this is not cheaper than the pattern
_MIN_LEN = 3  # shorter substrings ("i ", "a") are in nearly every message
_MAX_GATE = 24  # each substring is one fast search; past this many the gate costs more than it saves


def required_substrings(pattern: str) -> frozenset[str] | None:
    """Substrings at least one of which every match of `pattern` contains, or None when none can be proved."""
    if sre_parse is None:
        return None
    try:
        best, _pure = _sequence(list(sre_parse.parse(pattern)))
    except Exception:  # an unknown node type: no gate, the rule simply always runs
        return None
    return best


def gate(pattern: str) -> tuple[str, ...] | None:
    """The required substrings, longest first, for `any(s in text for s in gate)`; None: no gate."""
    found = required_substrings(pattern)
    if not found or len(found) > _MAX_GATE:
        return None
    return tuple(sorted(found, key=len, reverse=True))


def _sequence(items: list) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(best required set, exact set of strings when the whole sequence is literal)."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    pure = True
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the text either side is still contiguous
        literal = _pure(op, av)
        if literal is not None and len(run) * len(literal) <= _MAX_SET:
            run = frozenset(a + b for a, b in product(run, literal))
            continue
        candidates.append(run)
        run = frozenset({""})
        pure = False
        if literal is not None:
            run = literal
            continue
        required = _required(op, av)
        if required:
            candidates.append(required)
    candidates.append(run)
    return _best(candidates), (run if pure else None)


def _pure(op, av) -> frozenset[str] | None:
    """The exact strings this node matches, when it is literal text (with alternatives and `?`)."""
    if op is sre.LITERAL:
        return frozenset({chr(av)})
    if op is sre.SUBPATTERN:
        return _sequence(list(av[3]))[1]
    if op is sre.BRANCH:
        alternatives = [_sequence(list(alt))[1] for alt in av[1]]
        if any(a is None for a in alternatives):
            return None
        merged = frozenset().union(*alternatives)
        return merged if len(merged) <= _MAX_SET else None
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in av) and len(av) <= 8:
        return frozenset(chr(code) for _, code in av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] == 1 and av[0] in (0, 1):
        inner = _sequence(list(av[2]))[1]
        if inner is None:
            return None
        return inner | {""} if av[0] == 0 else inner
    return None


def _required(op, av) -> frozenset[str] | None:
    """What a non-literal node cannot match without (its best required set), if anything."""
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return _sequence(list(av[3] if op is sre.SUBPATTERN else av))[0]
    if op is sre.BRANCH:
        sets = [_sequence(list(alt))[0] for alt in av[1]]
        if any(not s for s in sets):
            return None
        merged = frozenset().union(*sets)
        return merged if len(merged) <= _MAX_SET else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))[0]
    return None


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective usable set: long strings first, then few of them."""
    usable = [c for c in candidates if c and len(c) <= _MAX_SET and min(map(len, c)) >= _MIN_LEN]
    if not usable:
        return None
    # Each member costs one search, so few members first; then the longest shortest member (more selective).
    return max(usable, key=lambda c: (-len(c) if len(c) > 4 else -4, min(min(map(len, c)), 8)))
