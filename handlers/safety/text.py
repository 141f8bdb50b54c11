"""Normalisation for the risk check: one plain, lowercase, expanded spelling for everything people type.

Every message pays for this, so each step is skipped when a cheap test shows it has nothing to do.
"""

from __future__ import annotations

import re
import unicodedata

from handlers.safety.words import CHANGED_WORDS, fix_token, is_changed, is_known_word, spelled_words

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


def _invisible_table() -> dict[int, None]:
    """Combining accents, enclosing marks, zero-width and format characters (Mn, Me, Cf), to delete.

    Unicode has none of these beyond the first two planes and the tags block; reading them from
    unicodedata keeps the table right for the Python in use. str.translate with it is C-speed.
    """
    blocks = (range(0x80, 0x20000), range(0xE0000, 0xE1000))
    return dict.fromkeys(c for block in blocks for c in block if unicodedata.category(chr(c)) in ("Mn", "Me", "Cf"))


_INVISIBLE = _invisible_table()
# Contractions, in one pass: "can't" -> "can not", "it's" -> "it is", "I'd" -> "I would".
_CONTRACTION = re.compile(
    r"\b(can't|won't)\b|n't\b|\b(it|that|what|there|here|who|everything|nothing|life|death|tonight|today|"
    r"tomorrow)'s\b|'(m|re|ve|ll|d)\b"
)
_EXPANDED = {
    "can't": "can not",
    "won't": "will not",
    "m": " am",
    "re": " are",
    "ve": " have",
    "ll": " will",
    "d": " would",
}


def _expand(match: re.Match[str]) -> str:
    whole, subject, short = match.groups()
    if whole:
        return _EXPANDED[whole]
    if subject:
        return f"{subject} is"
    return _EXPANDED[short] if short else " not"


# Each step: (a substring the text must contain for the step to matter, pattern, replacement).
_PHRASES = (
    ("/", re.compile(r"\bw/o\b"), " without "),
    ("/", re.compile(r"\bs/h\b"), " self harm "),
    ("/", re.compile(r"\bw/"), " with "),
    ("/", re.compile(r"\by/o\b"), " yo "),
    ("/", re.compile(r"\bb/c\b"), " because "),
    ("my self", re.compile(r"\bmy self\b(?! (?:harm|injur|esteem|care|worth|confidence|image|doubt))"), "myself"),
    ("sewer slide", re.compile(r"\bsewer slide\b"), "suicide"),
    ("any more", re.compile(r"\bany more\b"), "anymore"),
    ("self", re.compile(r"\bself-? ?harm"), "self harm"),
    # "Wanna dye rn": the other spelling of "die", unless something is being dyed ("dye my hair").
    (
        "dye",
        re.compile(
            r"(?<!contrast )(?<!iodinated )(?<!allergic to )(?<!allergy to )(?<!reaction to )(?<!food )(?<!hair )"
            r"\bdye\b(?! (?:my|your|his|her|their|our|the|it|them|a|an|some|this|that|these|those|hair|clothes|"
            r"shirts?|eggs|fabric|yarn|job|pack|packs|kit|color|colour|test|study|injection)\b)"
        ),
        "die",
    ),
    # "id"/"ill" are words too (an ID badge, an ill patient): expand them only where a verb follows.
    (
        "id ",
        re.compile(r"\bid (?=(?:rather|be|just|never|really|honestly|probably|prefer|want|love|die|kill)\b)"),
        "i would ",
    ),
    (
        "ill ",
        re.compile(
            r"(?:^|(?<=[.!?;,] )|(?<=\band )|(?<=\bso )|(?<=\bbut ))ill (?=(?:just|kill|end|do|take|be|never|"
            r"probably|go|jump|drive|overdose|od|hang|die|finally|really)\b)"
        ),
        "i will ",
    ),
)
_NOT_KEPT = re.compile(r"[^a-z0-9' .,!?;:\"]+")  # emoji, symbols, brackets: word breaks, nothing more
_PUNCT_RUN = re.compile(r"([.,!?;:])[.,!?;:\s]*")  # starts with the mark: found by a fast scan


def _mark_and_space(match: re.Match[str]) -> str:
    return match.group(1) + " "


def _plain_letters(text: str) -> str:
    """Styled and full-width letters to plain ones, accents split off; then accents, zero-width and other
    invisible characters go (they hide words from the patterns)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if _BEYOND_ACCENTS.search(decomposed) is None:
        # Plain letters and the accents split off them ("trabajó", "después"), as most Spanish is: dropping
        # every non-ASCII character is the same as the full path below, and far quicker.
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    text = decomposed.casefold().translate(_CHAR_MAP).translate(_INVISIBLE)
    return unicodedata.normalize("NFKD", text).translate(_INVISIBLE)  # casefold can compose anew


# Anything but ASCII and the combining accents U+0300-U+036F (all of them Mn, so deleted by the full path).
_BEYOND_ACCENTS = re.compile("[^\x00-\x7f\u0300-\u036f]")


def normalise(text: str) -> str:
    """Lowercase plain ASCII-ish text, shortcuts expanded, disguises undone, one space between words."""
    if text.isascii():
        text = text.lower()  # ASCII is its own compatibility form: nothing to decompose
        if "`" in text:
            text = text.replace("`", "'")  # the one ASCII character _CHAR_MAP changes
    else:
        text = _plain_letters(text)
    if "\n" in text or "\r" in text:
        text = _LINE_BREAKS.sub(". ", text)
    text = " ".join(text.split())  # one space between words (str.split is far quicker than a pattern here)
    if ".." in text:
        text = _ELLIPSIS.sub(" ", text)  # an ellipsis is a pause, not a full stop: "i want to... die"
    if len({word for word in text.split() if len(word) == 1} - {"i", "a"}) >= 1:
        text = _SPACED_LETTERS.sub(_join_spaced, text)  # only a single letter other than "i"/"a" can start one
    if "'" in text:
        text = _CONTRACTION.sub(_expand, text.replace("od'd", "oded"))  # "I OD'd": not "od would"
    text = _fix_tokens(text)
    text = _steps(text, _PHRASES)
    if "," in text and _FILLER_NEAR_COMMA.search(text):
        text = _FILLER_COMMAS.sub(r" \1 ", text)  # "i want to, like, die": a filler in commas is a pause
    text = _NOT_KEPT.sub(" ", text)
    for mark in ".,!?;:":
        text = text.replace(" " + mark, mark)  # the text has single spaces by now
    text = _PUNCT_RUN.sub(_mark_and_space, text)
    return " ".join(text.split()).strip(" .,!?;:")  # leading and trailing marks say nothing


_LINE_BREAKS = re.compile(r"[\r\n]+")
_FILLER_NEAR_COMMA = re.compile(
    r", ?(?:like|just|honestly|literally|really|seriously|idk|tbh|ngl|lowkey|um|uh|"
    r"basically|kind|sort)\b|\b(?:like|just|honestly|literally|really|seriously|idk|tbh|ngl|"
    r"lowkey|um|uh|basically|of) ?,"
)
_FILLER_COMMAS = re.compile(
    r" ?, ?\b(like|just|honestly|literally|really|seriously|idk|tbh|ngl|lowkey|um|uh|basically|kind of|sort of)"
    r"\b ?,? ?"
)
_ELLIPSIS = re.compile(r"\.{2,}")
_SPLIT_TOKENS = re.compile(f"({_TOKEN.pattern})")
_STRETCHED = re.compile(r"([a-z])\1{2,}")


def _steps(text: str, steps: tuple[tuple[str, re.Pattern[str], str], ...]) -> str:
    for needed, pattern, replacement in steps:
        if needed in text:
            text = pattern.sub(replacement, text)
    return text


def _fix_tokens(text: str) -> str:
    """Every token through fix_token, except plain words nothing changes (most of them, and the slow part)."""
    stretched = _STRETCHED.search(text) is not None  # most messages stretch no letters: one test for all
    unique = set(_TOKEN.findall(text))
    # Each distinct token that may change is fixed once; a message repeats many ("12", "3.2", "i've").
    fixed = {
        token: fix_token(token)
        for token in unique
        if not token.isalpha() or token in CHANGED_WORDS or (stretched and is_changed(token))
    }
    if not fixed:
        return text  # plain words only, none of them a shortcut or a typo: the common case
    parts = _SPLIT_TOKENS.split(text)  # text, token, text, token, ..., text
    parts[1::2] = [fixed.get(token, token) for token in parts[1::2]]
    return "".join(parts)


def _join_spaced(match: re.Match[str]) -> str:
    """'s u i c i d e' -> 'suicide', but only when the letters spell a word we look for."""
    joined = match.group().replace(" ", "")
    if is_known_word(joined):
        return joined
    if joined[0] in "iau" and is_known_word(joined[1:]):
        return f"{joined[0]} {joined[1:]}"
    return spelled_words(joined) or match.group()
