"""Normalisation for the crisis check: one plain, lowercase, expanded spelling for everything people type."""

from __future__ import annotations

import re
import unicodedata

from handlers.safety.words import fix_token, is_known_word

# Look-alike letters from other scripts, and typographic quotes and dashes, to their plain forms.
_CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict(zip("аеорсухіјѕкмтвнοαιεκνρτυ", "aeopcyxijskmtbhoaieknptu", strict=True)),
    }
)

_TOKEN = re.compile(r"[a-z0-9@$!|*#]+(?:[.\-_][a-z0-9@$!|*#]+)*")
_SPACED_LETTERS = re.compile(r"(?<![a-z])(?:[a-z] ){2,}[a-z](?![a-z])")  # "s u i c i d e"
_INVISIBLE = ("Mn", "Me", "Cf")  # combining accents, enclosing marks, zero-width and format characters
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(it|that|what|there|here|who|everything|nothing|life|death)'s\b"), r"\1 is"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
)
_PHRASES = (
    (re.compile(r"\bw/o\b"), " without "),
    (re.compile(r"\bw/"), " with "),
    (re.compile(r"\by/o\b"), " yo "),
    (re.compile(r"\bb/c\b"), " because "),
    (re.compile(r"\bmy self\b(?! (?:harm|injur|esteem|care|worth|confidence|image|doubt))"), "myself"),
    (re.compile(r"\bsewer slide\b"), "suicide"),
    (re.compile(r"\bany more\b"), "anymore"),
    (re.compile(r"\bself-? ?harm"), "self harm"),
    # "id"/"ill" are words too (an ID badge, an ill patient): expand them only where a verb follows.
    (
        re.compile(r"\bid (?=(?:rather|be|just|never|really|honestly|probably|prefer|want|love|die|kill)\b)"),
        "i would ",
    ),
    (
        re.compile(
            r"(?:^|(?<=[.!?;,] )|(?<=\band )|(?<=\bso )|(?<=\bbut ))ill (?=(?:just|kill|end|do|take|be|never|"
            r"probably|go|jump|drive|overdose|od|hang|die|finally|really)\b)"
        ),
        "i will ",
    ),
)
_NOT_KEPT = re.compile(r"[^a-z0-9' .,!?;:\"]+")  # emoji, symbols, brackets: word breaks, nothing more
_PUNCT_RUN = re.compile(r"\s*([.,!?;:])[.,!?;:\s]*")


def normalise(text: str) -> str:
    """Lowercase plain ASCII-ish text, shortcuts expanded, disguises undone, one space between words."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_CHAR_MAP)
    # Accents, zero-width and other invisible characters go (they hide words from the patterns).
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) not in _INVISIBLE)
    text = re.sub(r"[\r\n]+", ". ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\.{2,}", ", ", text)  # an ellipsis is a pause, not a full stop
    text = _SPACED_LETTERS.sub(_join_spaced, text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _TOKEN.sub(lambda m: fix_token(m.group()), text)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    text = _NOT_KEPT.sub(" ", text)
    text = _PUNCT_RUN.sub(r"\1 ", text)
    return re.sub(r" {2,}", " ", text).strip(" .,!?;:")  # leading and trailing marks say nothing


def _join_spaced(match: re.Match[str]) -> str:
    """'s u i c i d e' -> 'suicide', but only when the letters spell a word we look for."""
    joined = match.group().replace(" ", "")
    if is_known_word(joined):
        return joined
    if joined[0] in "iau" and is_known_word(joined[1:]):
        return f"{joined[0]} {joined[1:]}"
    return match.group()
