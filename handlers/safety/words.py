"""Word-level repair for the risk check: shortcuts, leetspeak, masked and stretched letters, typos."""

from __future__ import annotations

import re
from itertools import product

# fmt: off
# Characters that stand in for letters ("su1c1de", "k!ll", "$elf", "s*icide").
_ANY = "abcdefghijklmnopqrstuvwxyz"
_LEET = {
    "1": "il", "!": "il", "|": "il", "0": "o", "3": "e", "4": "a", "@": "a",
    "5": "s", "$": "s", "7": "t", "*": _ANY, "#": _ANY,
}

# Words that disguised or stretched tokens are resolved to; anything else falls back to a plain mapping.
_VOCAB = frozenset({
    "suicide", "suicidal", "kill", "killing", "killed", "myself", "die", "dying", "dead", "death", "overdose",
    "overdosing", "unalive", "unaliving", "hang", "hanging", "cut", "cutting", "harm", "hurt", "self",
    "pills",
    "life", "live", "living", "end", "ending", "want", "wanna", "wish", "all", "still", "will", "feel",
    "feeling", "better", "off", "without", "anymore", "hopeless", "burden", "jump", "bridge", "noose",
    "wrists", "sleep", "wake", "exist", "fucking", "kms", "too", "need", "see", "alive", "gone", "goodbye",
    "everyone", "nobody", "safe", "to", "ctb", "plan", "gun", "pyxis",
    "morir", "morirme", "matarme", "suicidarme", "quiero", "vivir", "muerta", "muerto", "muerte", "suicidio",
    "matar", "pastillas", "pistola", "arma", "ready", "answer",
})

# Shortcuts, slang and contractions typed without the apostrophe, one token at a time.
_SHORTCUTS = {
    "im": "i am", "ive": "i have", "u": "you", "ur": "your", "r": "are", "2": "to", "4": "for",
    "b4": "before", "n": "and", "bc": "because", "cuz": "because", "coz": "because", "bcuz": "because",
    "rn": "right now", "2nite": "tonight", "2night": "tonight", "tonite": "tonight", "tmrw": "tomorrow",
    "tmr": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow", "ppl": "people", "noone": "no one",
    "no1": "no one", "every1": "everyone", "evry1": "everyone", "any1": "anyone", "ne1": "anyone",
    "some1": "someone", "abt": "about", "bout": "about", "thru": "through",
    "wanna": "want to", "wana": "want to", "wan2": "want to", "want2": "want to", "wnt": "want",
    "wnat": "want", "gonna": "going to", "gona": "going to", "finna": "going to", "gotta": "got to",
    "hafta": "have to", "tryna": "trying to", "kinda": "kind of", "sorta": "sort of",
    "dunno": "do not know", "idk": "i do not know", "idc": "i do not care", "idgaf": "i do not care",
    "rly": "really", "srsly": "seriously",
    "cant": "can not", "cannot": "can not", "dont": "do not", "wont": "will not", "didnt": "did not",
    "doesnt": "does not", "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not",
    "wouldnt": "would not", "couldnt": "could not", "shouldnt": "should not", "havent": "have not",
    "hasnt": "has not", "hadnt": "had not", "aint": "am not", "whats": "what is", "thats": "that is",
    "theres": "there is", "its": "it is", "youre": "you are", "theyre": "they are",
    "theyd": "they would", "theyll": "they will", "shes": "she is", "hes": "he is",
    "kms": "kill myself", "kmss": "kill myself", "kys": "kill yourself", "killmyself": "kill myself",
    "killmyslf": "kill myself",
    "myslef": "myself", "mysefl": "myself", "myslf": "myself", "meself": "myself", "mysel": "myself",
    "selfharm": "self harm", "sewerslide": "suicide", "suicde": "suicide", "sucide": "suicide",
    "suiside": "suicide", "suicid": "suicide", "sucidal": "suicidal", "suicdal": "suicidal",
    "suisidal": "suicidal", "suicidial": "suicidal", "ded": "dead", "dieing": "dying", "dyin": "dying",
    "oding": "overdosing", "oded": "overdosed", "lyf": "life", "lyfe": "life", "livin": "living", "nothin": "nothing",
    "goin": "going", "thinkin": "thinking", "killin": "killing", "endin": "ending", "feelin": "feeling",
    "tryin": "trying", "kil": "kill", "anymroe": "anymore", "anymor": "anymore", "nemore": "anymore",
    "kll": "kill", "kiil": "kill", "klil": "kill", "unalvie": "unalive", "unalve": "unalive", "sui": "suicide",
    # Spanish chat spellings.
    "kiero": "quiero", "kero": "quiero", "qiero": "quiero", "kiere": "quiere", "q": "que", "xq": "porque",
    "pq": "porque", "porq": "porque", "k": "que", "tmb": "tambien", "sucidarme": "suicidarme",
    "suisidarme": "suicidarme",
    "matarm": "matarme", "morirm": "morirme",
}
# fmt: on
# The last letter typed twice ("i want to diee"): only for words that cannot be something else doubled.
_SHORTCUTS.update(
    {
        word + word[-1]: word
        for word in (
            "die",
            "dead",
            "kill",
            "suicide",
            "suicidal",
            "myself",
            "unalive",
            "morir",
            "morirme",
            "matarme",
            "suicidarme",
            "muerte",
            "overdose",
        )
    }
)

_EDGE_MARKS = re.compile(r"([!|*#]*)(.*?)([!|*#]*)")
_LETTER_RUN = re.compile(r"([a-z])\1{2,}")


# One slip of the finger in a word nothing else is spelt like ("sucide", "mysefl", "unalvie"): a deletion, a
# swap, a wrong or an extra letter. Real words one slip away are left alone ("overdone", "homeless"), as
# are Spanish words ("suicida") and endings ("overdosed", which the rules read as it is).
_TYPO_TARGETS = ("suicide", "suicidal", "myself", "unalive", "overdose", "suicidio", "suicidar")
_REAL_WORDS = frozenset(
    {
        "overdone",
        "overdoes",
        "suicida",
        "suicidas",
        "suicidar",
        "suicidio",
        "suicides",
        "overdosed",
        "overdoses",
        "suicido",
        "suicidios",
        "suicide",
        "suicidan",
        "suicidad",
    }  # "suicido" is "se suicidó" with its accent gone
)


def _one_slip(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    wrong = {a + c + b[1:] for a, b in splits if b for c in letters}
    extra = {a + c + b for a, b in splits[:-1] for c in letters}  # not at the end: "suicides" is a word
    return (deletes | swaps | wrong | extra) - {word}


_TYPOS = {
    typo: word
    for word in _TYPO_TARGETS
    for typo in _one_slip(word)
    if typo not in _REAL_WORDS and typo not in _TYPO_TARGETS  # "suicidal" is one slip from "suicidar"
}

# Words a run of single letters may spell ("i w a n t t o d i e"): the vocabulary and everyday glue.
_SPELLABLE = frozenset(
    _VOCAB
    | _SHORTCUTS.keys()
    | {
        "i",
        "a",
        "am",
        "so",
        "me",
        "my",
        "the",
        "it",
        "is",
        "be",
        "do",
        "not",
        "no",
        "can",
        "just",
        "going",
        "now",
        "really",
        "again",
        "this",
        "tonight",
        "today",
        "of",
        "and",
        "in",
        "on",
        "want",
        "feel",
        "wanna",
        "ya",
        "de",
        "y",
        "estoy",
        "tengo",
        "ganas",
        "que",
        "el",
        "en",
        "la",
        "pienso",
    }
)


# Plain words fix_token changes without looking further: shortcuts and typos.
CHANGED_WORDS = frozenset(_SHORTCUTS) | frozenset(_TYPOS)


def is_changed(word: str) -> bool:
    """Would fix_token change this plain, all-letters word? (A shortcut, a typo, or stretched letters.)"""
    return word in _SHORTCUTS or word in _TYPOS or _LETTER_RUN.search(word) is not None


def is_known_word(word: str) -> bool:
    """A word the patterns look for, or a shortcut that expands to words."""
    return word in _VOCAB or word in _SHORTCUTS


def spelled_words(joined: str) -> str | None:
    """The words a run of letters spells, fewest first ("iwanttodie" -> "i want to die"), or None."""
    best: list[list[str] | None] = [[]] + [None] * len(joined)
    for end in range(1, len(joined) + 1):
        for start in range(max(0, end - 12), end):
            head, word = best[start], joined[start:end]
            if head is not None and word in _SPELLABLE and (best[end] is None or len(head) + 1 < len(best[end])):
                best[end] = [*head, word]
    found = best[-1]
    return " ".join(found) if found else None


def fix_token(token: str) -> str:
    """One token through shortcuts, disguises (leetspeak, masks, dots) and stretched letters."""
    # At a token's edges these marks are punctuation or emphasis ("kms!!", "*so*"), not letters.
    lead, core, trail = _EDGE_MARKS.fullmatch(token).groups()
    if core and (lead or trail):
        return f"{lead} {fix_token(core)} {trail}"
    if token in _SHORTCUTS:
        return _SHORTCUTS[token]
    if token in _TYPOS:
        return _TYPOS[token]
    if token.isalpha() and not _LETTER_RUN.search(token):
        return token  # a plain word, as almost every token is: nothing to undo
    joined = re.sub(r"[.\-_]", "", token)
    if joined != token and not (_resolve(joined) or joined in _SHORTCUTS):
        return " ".join(fix_token(part) for part in re.split(r"[.\-_]", token))  # "e.g." stays itself
    resolved = _resolve(joined) or _plain(_LETTER_RUN.sub(r"\1", joined))
    return _SHORTCUTS.get(resolved, resolved)


def _resolve(token: str) -> str | None:
    """The vocabulary word a disguised or stretched token spells ('su1c1de', 'k*ll', 'killlll'), if any."""
    if token in _VOCAB:
        return token
    if not any(c in _LEET for c in token) and not _LETTER_RUN.search(token):
        return None
    for candidate in _destretched(token):
        for word in _VOCAB:
            if len(word) == len(candidate) and all(
                t == w or w in _LEET.get(t, "") for t, w in zip(candidate, word, strict=True)
            ):
                return word
    return None


def _destretched(token: str) -> list[str]:
    """Every way to shrink runs of 3+ letters to one or two ('feeeel' -> 'fel', 'feel')."""
    parts = re.split(r"(([a-z])\2{2,})", token)
    if len(parts) == 1:
        return [token]
    if len(parts) > 3 * 6:  # more than six stretched runs: one short form, not 2**n of them
        return [_LETTER_RUN.sub(r"\1", token)]
    # re.split yields text, run, run-letter, text, run, run-letter, ..., text.
    texts, runs = parts[0::3], parts[1::3]
    chunks = [[texts[0]]]
    for run, text in zip(runs, texts[1:], strict=True):
        chunks += [[run[0], run[:2]], [text]]  # each run becomes one letter or two
    return ["".join(choice) for choice in product(*chunks)]


def _plain(token: str) -> str:
    """Leftover look-alikes inside a word become letters ('w4nna', 'h!m'); masks inside it go ('f*ck')."""
    if sum(c.isalpha() for c in token) < 2:
        return token
    token = re.sub(r"(?<=[a-z])[!|*#]+(?=[a-z])", lambda m: "i" if m.group()[0] in "!|" else "", token)
    return re.sub(r"[013457@$]", lambda m: _LEET[m.group()][0], token)
