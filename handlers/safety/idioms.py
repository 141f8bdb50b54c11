"""Everyday speech that shares words with the crisis rules: idioms, and "can't do this" said of work."""

from __future__ import annotations

import re

from handlers.safety.fragments import CANT_DO_THIS
from handlers.safety.gated import Gated

# Everyday phrases that share words with the patterns. Each is replaced by "~" before matching: the
# phrase no longer reads as a crisis, and the words around it keep their places.
IDIOMS = Gated(
    "|".join(
        (
            r"\bkilling myself (?:to|over|trying|working|for)\b",  # working flat out
            r"\b(?:kill|killed|killing) myself (?:laughing|tripping|slipping|falling)\b",
            r"\b(?:killed|killing) myself (?:on|at|in) (?:the |my |a )?(?:gym|stairmaster|treadmill|bike|"
            r"peloton|rower|spin|run|hike|climb|workout|crossfit|practice|pilates|yoga)\b",
            r"\bshoot(?:ing)? myself in the foot\b",
            r"\bdrown(?:ing)? myself in (?!the |a |water\b)\w+",  # "in coffee", "in work"
            r"\b(?:cut|cutting|hurt|hurting|burn|burnt|burned|burning|stuck|"
            r"scratched) myself (?:on(?! purpose)|at|while|lifting|moving|shaving|cooking|during|playing|"
            r"running|turning|pulling|pushing|transferring|by accident)\b",
            r"\b(?:accidentally|by accident) (?:cut|hurt|burnt|burned|stuck|killed)\b",
            r"\bcut my (?:\w+ )?wrists? on\b",
            r"\b(?:take|taking) my life (?:back|in (?:my (?:own )?hands|a (?:new|different) direction|"
            r"another direction)|to the next level)\b",
            r"\b(?:this|that|the|a) hill (?:i|to) (?:\w+ ){0,3}?die on\b|\bdie on (?:this|that|the|a) hill\b",
            r"\bdie (?:of|from) (?:embarrassment|shame|boredom|cringe|laughter|laughing|cuteness)\b",
            r"\bdie (?:laughing|inside|a little(?: inside)?)\b",
            r"\bdie (?:my|her|his|their|your) (?:hair|beard|clothes|shirt)\b",  # the other "dye"
            r"\b(?:od|overdose|overdosing|overdosed) on (?!purpose\b)(?:caffeine|coffee|sugar|chocolate|"
            r"candy|cookies|carbs|pizza|donuts|doughnuts|netflix|tiktok|work|cake|memes|tea|energy drinks|"
            r"red bull|sleep|naps)\b",
            r"\bdisappear (?:for (?:a|the|one|two|\d+|some)|to|on (?:a )?vacation|into (?:a|the) (?:beach|"
            r"cabin|woods|vacation|mountains))\b",
            r"\bend (?:it|things) (?:with|between)\b",
            r"\bend it (?:here|there|early|for (?:today|tonight|now|the day|the night|the week))\b",
            r"\bwake up (?:in time|on time|early|late|for|at|before|the|my|him|her|them|everyone|till|until|"
            r"on my days? off|on vacation|this weekend)\b",
            r"\b(?:go on|carry on) (?:call|a|the|leave|vacation|holiday|break|nights|shift|rounds|strike|"
            r"about|with|my)\b",
            # Clinical work about suicide: screening, asking, documenting (the patient, not me).
            r"\b(?:screen\w*|assess\w*|ask\w*|deni\w*|endors\w*|document\w*|evaluat\w*|monitor\w*|"
            r"watch\w*) (?:(?:a|the|my|our|this|that|every|all|each|new|pt|pts|patients?|him|her|them|kid|"
            r"teen|for|about|of|on|with|any|active|passive) )*(?:suicid\w+|si|self harm)\b",
            # Why someone else is held, admitted or seen: "involuntary hold for suicidal ideation".
            r"\b(?:hold|holds|admitted|admission|admit|consult|eval|evaluation|precautions|sitter|transfer|"
            r"referral|referred|seen|presenting|presented|presents|brought in|workup|assessment) (?:\w+ ){0,2}?for "
            r"(?:\w+ )?(?:suicidal (?:ideation|thoughts)|si|self harm|suicide attempt|overdose|od)\b",
            # Teaching and reading about suicide: "a lecture on suicidal thoughts in colleagues".
            r"\b(?:paper|study|studies|article|lecture|talk|module|review|webinar|course|training|seminar|club|rounds|"
            r"workshop|session|class|chapter|book|podcast|curso|clase|taller|sesion|articulo|charla) (?:on|about|"
            r"sobre|de) (?:\w+ ){0,4}?(?:suicide|suicidal|suicidality|suicidio|suicidas?|si|self harm)(?: (?:ideation|"
            r"thoughts?|risk|behaviou?r))?\b",
            # Kicking oneself: "I could hit myself for forgetting".
            r"\b(?:could|should|want to|wanted to) (?:just )?(?:hit|kick|slap|punch) myself\b",
            r"\b(?:kick|kicked|kicking) myself (?:for|in the|over)\b",
            r"\b(?:hit|slap|slapped) myself (?:for (?:not|forgetting|missing|that|being))\b",
        )
    )
)
# "I can't do this anymore" fires on its own, but not once the message says what "this" is: a job, a
# shift, tiredness. That is the burnout the coaching is for; the crisis card would teach people to ignore it.
CANT_DO_THIS_RE = re.compile(CANT_DO_THIS)
WORK_CONTEXT = frozenset(
    """
    admissions admit admits admitted attending attendings bed beds boss burned burnout burnt call career case
    cases census charting charts clinic code coded codes consent consult consults crashing department dept
    discharge dispo documentation ed email emails epic er exhausted exhaustion fellowship floor guardia
    guardias handoff hospital hours icu inbox jefa jefe
    job leadership management manager medicine meeting meetings night nights notes nursing overtime paciente
    pacientes pager papeleo paperwork patient patients place planta program pt pts residency roster rota
    rotation rounds schedule scheduling shift shifts sleep specialty staff staffing supervisor supervisora
    surgery tired trabajo turno turnos uci understaffed unit urgencias vacation ward work working workload
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def about_work(text: str, words: set[str]) -> bool:
    """Does the message name the job, a shift, or the tiredness it brings?

    Two words are the job's only in some uses: "tired of pretending it will get better" is not a shift's
    tiredness, and "made a plan last night" names no night shift.
    """
    named = set(WORK_CONTEXT.intersection(words))
    if "tired" in named and all(_next_word(text, at) == "of" for at in _places(text, "tired")):
        named.discard("tired")
    if "night" in named and all(_word_before(text, at) in _EVERYDAY_NIGHTS for at in _places(text, "night")):
        named.discard("night")
    return bool(named)


_EVERYDAY_NIGHTS = frozenset(
    "last every good one that other all each monday tuesday wednesday thursday friday saturday sunday".split()  # noqa: SIM905
)


def _places(text: str, word: str) -> list[int]:
    """Where `word` stands as a whole word."""
    found, at = [], text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            found.append(at)
        at = text.find(word, end)
    return found


def _next_word(text: str, at: int) -> str:
    rest = text[at:].split(maxsplit=2)
    return rest[1] if len(rest) > 1 else ""


def _word_before(text: str, at: int) -> str:
    before = text[:at].split()
    return before[-1] if before else ""
