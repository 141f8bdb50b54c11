"""The risk check every inbound text passes first, on every platform (Promise 2): none, concern or crisis.

`assess(text)` reads one message, in English or Spanish, after undoing the disguises people use (letters
spaced out or stretched, leetspeak, misspellings, "kms", "unalive", "sewerslide"). It answers:
- crisis: the writer's own thoughts of killing themselves, a plan (a bare "I have a plan" too), means
  ready, a recent attempt, self-harm (past tense too), farewell acts. The crisis reply comes at once.
- concern: passive wishes ("I wish I wouldn't wake up"), being a burden, hopelessness about living, an
  unnamed "I can't do this anymore", means at hand with a dark pull. One direct question comes first.
- none: everything else, including talk about patients, someone else's words, training, pets and the
  idioms of a hard job.

Trade-offs, chosen on purpose: the net leans towards firing, because a kind false alarm costs little and
a missed crisis does not; but it stays quiet on clinical talk, where a false alarm would teach clinicians
to ignore it. "This shift is killing me", "I'd rather die than present at M&M" and "I can't do nights
anymore" stay quiet: naming the job, the shift or tiredness turns "can't do this" into the burnout the
coaching is for. "Kill me now, 4 more admits" stays quiet; "I'm gonna kill myself if pharmacy pages me
again" fires (it says the words). A plan named for something ("a plan for the patient in 9", "a plan to
take a vacation") is quiet; "I have a plan" with nothing named is a crisis, and beside work talk it is
concern. It reads one message at a time, so a risk spread over several messages is seen only in pieces
(the screening question's follow-up covers the next reply).

Two layers find risk: phrase rules (rules_*.py), and a concept layer (concepts.py) whose pairings
(rules_concepts.py, rules_es_concepts.py) catch what is said in two parts: an act and what came after,
a means and what turns it towards the writer, a farewell and what makes it final. Their trade-offs are in
those modules' docstrings.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from handlers.safety.compiled import warm
from handlers.safety.scan import RANK, find_rules

# Under its old private name: tests drive the internals directly, as safety._scan(safety._normalise(text)).
from handlers.safety.text import normalise as _normalise

logger = logging.getLogger(__name__)

LEVELS = ("none", "concern", "crisis")
__all__ = ["FAILED", "LEVELS", "NONE", "RANK", "Assessment", "assess", "is_crisis", "warm"]


@dataclass(frozen=True)
class Assessment:
    """The level of risk in one message and the rules that found it (rule names, never the text)."""

    level: str  # none | concern | crisis
    reasons: tuple[str, ...] = ()

    @property
    def at_risk(self) -> bool:
        return self.level != "none"


NONE = Assessment("none")
FAILED = Assessment("crisis", ("check_failed",))


def assess(text: str) -> Assessment:
    """How much risk this message shows; never raises, and fails safe (crisis) if the check itself breaks."""
    if not isinstance(text, str) or not text.strip():
        return NONE
    try:
        return _assess(_bounded(text))
    except Exception as exc:  # the safety net itself must never fail open, nor raise into dispatch
        # Only the exception's type is logged: its message could quote what the clinician wrote (Promise 1).
        logger.error("risk check failed (%s); treating the message as a crisis", type(exc).__name__)
        return FAILED


def is_crisis(text: str) -> bool:
    """True when `assess` says crisis."""
    return assess(text).level == "crisis"


def _assess(text: str) -> Assessment:
    plain = _normalise(text)
    found = _scan(plain)
    if "," in plain and len(plain) <= _SECOND_LOOK_CHARS and "crisis" not in found.values():
        # A second look without commas catches a phrase broken by a pause ("i want to, die").
        found = {**_scan(_COMMA.sub(" ", plain)), **found}
    if not found:
        return NONE
    level = max(found.values(), key=RANK.__getitem__)
    # Every rule that fired, the ones that set the level first.
    return Assessment(level, tuple(sorted(found, key=lambda name: (-RANK[found[name]], name))))


# Short messages only: a long one pays twice for little (pauses around fillers, "i want to, like, die",
# and ellipses are already undone by normalise, so the first look sees those).
_SECOND_LOOK_CHARS = 280
_COMMA = re.compile(r" ?, ?")


def _scan(text: str) -> dict[str, str]:
    return find_rules(text)


# Far beyond any platform's message limit (Slack 40,000 characters). Past it, the head and the tail are
# read (what matters most often comes last), so one pasted book cannot stall the inbound path.
_MAX_CHARS = 100_000


def _bounded(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    half = _MAX_CHARS // 2
    return f"{text[:half]}\n{text[-half:]}"
