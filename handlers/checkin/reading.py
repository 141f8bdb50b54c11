"""Reading one reply into a neutral reading the next turn uses: feelings, push-back, a named step, a question.

The reading lives only for the turn that made it: it is never stored, logged or counted, and its quote is
a short phrase of the person's own words said back to them in their own conversation and nowhere else.
English and Spanish cues are read together, so the same reply gets the same reading in either language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.checkin import reading_cues as cues
from prompts.model import fold

QUOTE_MOST_WORDS = 8  # a phrase said back is short: longer would be a summary, and summaries over-interpret
STEP_MOST_WORDS = 16
SHORT_REPLY_WORDS = 8
_CLAUSE = re.compile(r"[.;!?\n]+|,\s*|\s+(?:and|but|y|pero|and then|so that)\s+")
_SENTENCE = re.compile(r"[.;!?\n]+|,\s*(?:but|pero|i guess|supongo|maybe|tal vez)\b")
_UNSAFE_QUOTE = re.compile(
    r"\d|@|<|>|https?:|www\.|\*|_|`|\bfuck|\bshit|\bbitch|\bdamn|\bass\b|\bpinche|\bputa|\bmierda"
)
_UNSAFE_STEP = re.compile(r"@|<|>|https?:|www\.|`")  # their own step may hold a number or a name
_LEAD = re.compile(r"^(?:and|but|so|then|honestly|well|um+|uh+|y|pero|pues|bueno|la verdad)\s+", re.I)
_FILLER_END = re.compile(r"[\s,]*(?:i guess|i think|maybe|probably|supongo|creo|tal vez)?[\s.,!?]*$", re.I)


@dataclass(frozen=True)
class Reading:
    """What a reply says, for choosing the next turn. Text fields are the person's own words, never stored."""

    feelings: tuple[str, ...] = ()  # kinds named in the reply, strongest first: hurt, sad, exhausted...
    strength: int = 0  # of the first feeling: 0 none, 1 mild, 2 strong
    quote: str | None = None  # a short phrase of theirs, safe to say back, about the first feeling
    disengaged: bool = False  # "pointless", "not now", "leave me alone", a bare "no"
    bot_question: bool = False  # "why do you keep asking?", "are you a bot?"
    unsure: bool = False  # "I don't know"
    minimal: bool = False  # a bare "ok"
    thanks: bool = False  # gratitude anywhere in the reply
    thanks_only: bool = False  # the whole reply is a thank-you
    good_news: bool = False
    step: str | None = None  # a step named in the reply, in their words from its verb on
    when: str | None = None  # the step's own time: today, tomorrow, mon..sun, this-week, after-shift...

    @property
    def feeling(self) -> str | None:
        return self.feelings[0] if self.feelings else None

    @property
    def kind(self) -> str:
        """The one thing the next turn answers first."""
        for name, present in (
            ("bot_question", self.bot_question),
            ("disengaged", self.disengaged),
            ("thanks", self.thanks_only),
            ("minimal", self.minimal),
            ("unsure", self.unsure),
            ("step", self.step is not None),
            ("distress", bool(self.feelings)),
            ("good_news", self.good_news),
        ):
            if present:
                return name
        return "plain"


def plain(text: str) -> str:
    """Lowercase, no accents, typographic quotes made plain: the form the cues are written for."""
    return fold(text.replace("\u2019", "'").replace("\u2018", "'")).lower()


def read(text: str) -> Reading:
    """The reading of one reply (pure: the same text always reads the same)."""
    low = plain(text)
    bare = " ".join(re.sub(r"[^\w'/ ]+", " ", low).split())
    words = len(bare.split())
    # "Hard to say" is not a hard day: a whole reply of not knowing names no feeling.
    only_unsure = words <= SHORT_REPLY_WORDS and bool(cues.UNSURE.fullmatch(bare))
    feelings, strength, quote = ((), 0, None) if only_unsure else _feelings(text, low)
    step, when = named_step(text)
    good = _where(cues.GOOD_NEWS, low)
    if quote is None and not feelings and good is not None:
        quote = _quote(text, good)  # good news is said back in their words too
    return Reading(
        feelings=feelings,
        strength=strength,
        quote=quote,
        disengaged=bool(cues.DECLINE_ONLY.fullmatch(bare)) or bool(cues.DISENGAGED.search(low)),
        bot_question=bool(cues.BOT_QUESTION.search(low)),
        unsure=only_unsure or (words <= SHORT_REPLY_WORDS and not feelings and bool(cues.UNSURE.match(bare))),
        minimal=bool(cues.MINIMAL.fullmatch(bare)) or (not bare and bool(text.strip())),
        thanks=bool(cues.THANKS.search(low)),
        thanks_only=bool(cues.THANKS_ONLY.fullmatch(bare)),
        good_news=good is not None,
        step=step,
        when=when,
    )


def _where(pattern: re.Pattern[str], low: str) -> int | None:
    """Where the pattern first matches without a negation just before it ("not a good day" is no news)."""
    return next((m.start() for m in pattern.finditer(low) if not cues.NEGATION.search(low[: m.start()])), None)


def _feelings(text: str, low: str) -> tuple[tuple[str, ...], int, str | None]:
    """Feelings named, strongest first (ties: the order of cues.FEELINGS), the first one's strength, a quote."""
    found: list[tuple[int, int, str, int]] = []  # (-strength, order, kind, where)
    for order, (kind, (mild, strong)) in enumerate(cues.FEELINGS.items()):
        best = None
        for level, pattern in ((2, strong), (1, mild)):
            for match in pattern.finditer(low):
                before = low[: match.start()]
                if cues.NEGATION.search(before):
                    continue
                level_here = 2 if level == 2 or cues.INTENSIFIER.search(before) or "!!" in low else 1
                if best is None or level_here > best[0]:
                    best = (level_here, match.start())
        if best is not None:
            found.append((-best[0], order, kind, best[1]))
    found.sort()
    if not found:
        return (), 0, None
    # Say back the phrase of the strongest feeling that has a short, safe one.
    for index, (_, _, _kind, where) in enumerate(found):
        quote = _quote(text, where)
        if quote is not None:
            found.insert(0, found.pop(index))
            break
    kinds = tuple(kind for _, _, kind, _ in found)
    return kinds, -found[0][0], quote


def _quote(text: str, where: int) -> str | None:
    """The clause around character `where`, when it is short and safe to quote back; else None."""
    start = 0
    for part in _CLAUSE.split(text):
        at = text.find(part, start)
        end = at + len(part)
        start = end
        if at <= where < max(end, at + 1):
            phrase = _LEAD.sub("", part.strip()).strip(" \"'\u201c\u201d")
            return phrase if _quotable(phrase) else None
    return None


def _quotable(phrase: str) -> bool:
    words = phrase.split()
    if not 2 <= len(words) <= QUOTE_MOST_WORDS or _UNSAFE_QUOTE.search(phrase.lower()):
        return False
    # A capital past the first word may be a name (a patient's, a colleague's): never said back.
    return not any(word[:1].isupper() and word not in ("I", "I'm", "I've", "I'd", "I'll") for word in words[1:])


def named_step(text: str) -> tuple[str | None, str | None]:
    """(the step in their words, its time) when the reply names an action with a person or a time."""
    when = step_time(text)
    for sentence in _SENTENCE.split(text):
        low = plain(sentence)
        for action in cues.ACTION.finditer(low):
            before = low[: action.start()]
            if before.strip() and not cues.INTENT.search(before):
                continue
            rest = low[action.start() :]
            if not (cues.PERSON.search(rest) or step_time(rest)):
                continue
            step = _FILLER_END.sub("", sentence[action.start() :]).strip()
            if 1 <= len(step.split()) <= STEP_MOST_WORDS and not _UNSAFE_STEP.search(step.lower()):
                return step, when
            return None, when
    return None, when


def step_time(text: str) -> str | None:
    """The first time a step names for itself, most specific first ("after my next shift" over "tomorrow")."""
    low = plain(text)
    return next((name for name, pattern in cues.WHEN if pattern.search(low)), None)
