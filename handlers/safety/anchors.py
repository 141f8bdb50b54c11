"""Cheap gates for the rules: what a pattern cannot match without, read from the pattern itself.

Running ~250 pattern parts over every message is most of the net's cost, and most cannot match most
messages. Each part is gated on what any match must contain: preferably one of a few uncommon whole words
("die", "burden"), checked against the message's set of words, else one of a few substrings; and, when
the pattern proves one, a second, independent requirement (a verb and a drug). The gates are derived
from the parsed pattern, so they cannot drift from it; when none can be proved the part always runs. A
failure here costs speed, never recall (tests run every pattern ungated and compare).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

try:  # the regular-expression parser; private, so its absence only means "no gates"
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a future Python without these modules
    sre_parse = sre = None


def _words(text: str) -> list[str]:
    """A word list written as one string, for readability."""
    return text.split()


_MAX_SET = 64  # a gate of more substrings than this is not cheaper than the pattern
_MIN_LEN = 3  # shorter substrings ("i ", "a") are in nearly every message
_MAX_GATE = 64  # scan.py files them in indexes, so a large gate costs little
_EDGE = "\x00"  # a known word edge inside a required string (from \\b, ^ or $): zero-width, never searched for
_EDGES = (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END, sre.AT_END_STRING) if sre else ()
_WORD = re.compile(r"[a-z0-9_]+")
_JUST_EDGE = frozenset({_EDGE})


@dataclass(frozen=True)
class Gate:
    """What any match must contain: one of `needles` (substrings), and, when known, one of `words` whole.

    `also` is a second, independent requirement from elsewhere in the pattern (a verb and a drug):
    both must hold, which lets far fewer patterns run.
    """

    needles: tuple[str, ...]
    words: frozenset[str] | None  # one whole word from each needle, when every needle has one
    also: Gate | None = None

    def open(self, text: str, words: set[str]) -> bool:
        return self.holds(text, words) and (self.also is None or self.also.holds(text, words))

    def holds(self, text: str, words: set[str]) -> bool:
        if self.words is not None:
            return not self.words.isdisjoint(words)
        return any(needle in text for needle in self.needles)


def text_words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def required_strings(pattern: str) -> frozenset[str] | None:
    """Strings (with word edges marked) at least one of which every match contains, or None if unproven."""
    ranked = _ranked(pattern)
    return ranked[0] if ranked else None


def gate(pattern: str) -> Gate | None:
    """The gate for `pattern`, or None when no useful one can be proved (the pattern then always runs)."""
    ranked = [c for c in _ranked(pattern) if len(c) <= _MAX_GATE]
    if not ranked:
        return None
    best = ranked[0]
    second = next((_gate(c) for c in ranked[1:] if not _overlaps(c, best)), None)
    if second is not None and second.words is None and len(second.needles) > 8:
        second = None  # a long list of substrings to search would cost more than the pattern it spares
    return _gate(best, second)


def fewest_strings(pattern: str, min_len: int = 5) -> Gate | None:
    """The smallest set of strings, each at least `min_len` long, one of which every match contains.

    For a pattern searched for only now and then (scan.py's requirements): a few long strings are the
    cheapest test that it cannot be there, and a whole word of each, when each has one, cheaper still.
    """
    usable = [c for c in _ranked(pattern) if min(map(_length, c)) >= min_len]
    if not usable:
        return None
    return _gate(min(usable, key=lambda c: (len(c), -min(map(_length, c)))))


def _gate(found: frozenset[str], also: Gate | None = None) -> Gate:
    needles = tuple(sorted({s.replace(_EDGE, "") for s in found}, key=len, reverse=True))
    chosen = [_longest_whole_word(s) for s in found]
    return Gate(needles, None if None in chosen else frozenset(chosen), also)


def _ranked(pattern: str) -> list[frozenset[str]]:
    """Every requirement the top level of `pattern` proves, most selective first."""
    if sre_parse is None:
        return []
    try:
        candidates, _pure = _candidates(list(sre_parse.parse(pattern)))
    except Exception:  # an unknown node type: no gate, the rule simply always runs
        return []
    scored = [(score, c) for c in set(candidates) if (score := _score(c)) is not None]
    return [c for _, c in sorted(scored, key=lambda pair: pair[0], reverse=True)]


def _overlaps(a: frozenset[str], b: frozenset[str]) -> bool:
    """Would one requirement say nothing new next to the other (one's strings inside the other's)?"""
    plain_a = [s.replace(_EDGE, "") for s in a]
    plain_b = [s.replace(_EDGE, "") for s in b]
    return any(x in y or y in x for x in plain_a for y in plain_b)


def _longest_whole_word(marked: str) -> str | None:
    """The rarest word in a required string that is whole (an edge on both sides): uncommon, then long."""
    whole = [m.group() for m in _WORD.finditer(marked) if m.start() > 0 and m.end() < len(marked)]
    return max(whole, key=lambda word: (word not in _COMMON, len(word))) if whole else None


def structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each `(`, `)` and `|` that shapes the pattern, with its index and the group depth after it; escapes and
    character classes ("[]...]" included, a literal "]" first) are skipped."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield i, char, depth
        i += 1


def alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives as separate patterns (each can then have its own gate)."""
    cuts = [i for i, char, depth in structure(pattern) if char == "|" and depth == 0]
    return [pattern[start + 1 : end] for start, end in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _sequence(items: list) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(best required set, exact set of strings when the whole sequence is literal)."""
    candidates, pure = _candidates(items)
    return _best(candidates), pure


def _candidates(items: list) -> tuple[list[frozenset[str]], frozenset[str] | None]:
    """(every required set found along the sequence, exact set of strings when it is all literal)."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    pure = True
    for op, av in items:
        if op is sre.AT and av in _EDGES:
            literal: frozenset[str] | None = frozenset({_EDGE})  # zero-width, but says where a word ends
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the text either side is still contiguous
        else:
            literal = _pure(op, av)
        if literal is not None and len(run) * len(literal) <= _MAX_SET:
            candidates.append(run)  # a shorter run may make the better gate (fewer, still long, strings)
            run = frozenset(a + b for a, b in product(run, literal))
            continue
        candidates.append(run)
        edged = _ends_at_edge(run)
        after_edge = run == _JUST_EDGE
        run = frozenset({""})
        pure = False
        if literal is not None:
            run = literal
            continue
        required = _required(op, av, after_edge)
        if required:
            candidates.append(required)
        if edged and _keeps_edge(op, av):
            run = frozenset({_EDGE})  # "(?:just |really ){0,5}": whatever it matched, a word ends before here
    candidates.append(run)
    return candidates, (run if pure else None)


def _ends_at_edge(run: frozenset[str]) -> bool:
    return all(s and not s[-1].isalnum() and s[-1] != "_" for s in run)


def _keeps_edge(op, av) -> bool:
    """An optional repeat whose every match ends at a word edge (FILLER: "(?:just |so ){0,5}", "(?:\\w+ )?")."""
    return op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and _ends_with_edge(list(av[2]))


def _ends_with_edge(items: list) -> bool:
    """Does every match of this sequence end with a character that is not part of a word?"""
    for op, av in reversed(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            return not chr(av).isalnum() and chr(av) != "_"
        if op is sre.SUBPATTERN:
            return _ends_with_edge(list(av[3]))
        if op is sre.BRANCH:
            return all(_ends_with_edge(list(alt)) for alt in av[1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            return _ends_with_edge(list(av[2]))
        return False
    return False


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


def _required(op, av, after_edge: bool = False) -> frozenset[str] | None:
    """What a non-literal node cannot match without (its best required set), if anything.

    `after_edge`: a word edge comes right before the node ("\\b(?:pyxis|everything we have on the unit)"; the
    parser moves a "\\b" shared by every alternative out in front). It is put back in front of each, so
    their first words still count as whole.
    """
    lead = [(sre.AT, sre.AT_BOUNDARY)] if after_edge else []
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return _sequence(lead + list(av[3] if op is sre.SUBPATTERN else av))[0]
    if op is sre.BRANCH:
        sets = [_sequence(lead + list(alt))[0] for alt in av[1]]
        if any(not s for s in sets):
            return None
        merged = frozenset().union(*sets)
        return merged if len(merged) <= _MAX_SET else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))[0]
    return None


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective usable set: uncommon whole words, then long strings, then few of them."""
    scored = [(score, c) for c in candidates if (score := _score(c)) is not None]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _score(candidate: frozenset[str]) -> tuple[int, int, int] | None:
    if not candidate or len(candidate) > _MAX_SET:
        return None
    words = [_longest_whole_word(s) for s in candidate]
    shortest = min(map(_length, candidate))
    if None not in words and not any(word in _COMMON for word in words):
        return (3, min(min(map(len, words)), 6), -len(candidate))  # rare whole words: the best gate
    if shortest >= 4:
        return (2, min(shortest, 8), -len(candidate))  # longer substrings beat common words
    if None not in words:
        return (1, -sum(word in _COMMON for word in words), -len(candidate))
    if shortest >= _MIN_LEN:
        return (0, shortest, -len(candidate))
    return None  # a bare substring this short is in nearly every message


# Words in nearly every message: a gate of these passes too often to save anything.
_COMMON = frozenset(
    _words("""a about after again all also am an and any are as at be because been but by can could day did do does
    done down even feel feeling felt for from get go going got had has have having he her here him his how i if
    in into is it just know like make me more my need never no not now of off on one or our out over put really
    so some still take than that the their them then there they this time to today tonight too up us very want
    was we were what when which who will with would you your de el la los las que y en un una no me mi se lo
    por con para es esta estoy ya muy mas""")
)


COMMON_WORDS = _COMMON


def _length(marked: str) -> int:
    return len(marked) - marked.count(_EDGE)
