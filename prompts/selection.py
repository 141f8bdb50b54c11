"""Which prompt to ask next: pure functions of one language's library, the member's history and a seed.

Callers pass the library of the member's language (load_library(language=...)); the rules are the same
in every language.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from prompts.library import Library, Prompt, Question, find_question

ROTATE_LAST = 2  # avoid the themes of this many most recent questions while another theme is available
START_HOURS = range(5, 12)  # 05:00-11:59 local: the start of a day shift
MIDDAY_HOURS = range(12, 16)  # 12:00-15:59: anything fits; 16:00-04:59 leans to end-of-shift questions
# Its questions assume a recent hard case ("How are you sleeping since the case?"), so it is asked only when
# forced (/checkin hard-case) or chosen, never dropped on someone at random. Its cue follow-ups still apply.
OPT_IN_THEMES = frozenset({"hard-case"})


def select_question(
    library: Library,
    *,
    recent_ids: Sequence[str],
    chosen_themes: Sequence[str] = (),
    theme: str | None = None,
    local_hour: int = 12,
    seed: int = 0,
) -> Question:
    """The next check-in question for a member.

    recent_ids are the member's last asked question ids, newest first. A forced `theme` (a schedule's,
    or "/checkin rest") restricts to that theme; otherwise `chosen_themes` (when any are known) do,
    and with neither, every theme but the OPT_IN_THEMES.
    Within that scope: never a recent question while an unasked one remains (else the least recently
    asked); prefer themes other than those of the last ROTATE_LAST questions; prefer questions that
    fit the local hour. Preferences fall back when nothing matches. A theme is drawn first, then a
    question within it, so every theme is equally likely whatever its size.
    """
    if not 0 <= local_hour <= 23:
        raise ValueError(f"local_hour must be 0 to 23, got {local_hour!r}")
    scope = _scope(library, theme, chosen_themes)
    recent = list(recent_ids)
    unasked = [question for question in scope if question.id not in recent]
    if not unasked:
        return max(scope, key=lambda question: recent.index(question.id))
    candidates = unasked
    if theme is None:
        last_themes = {_theme_of(library, qid) for qid in recent[:ROTATE_LAST]}
        candidates = _prefer(candidates, lambda question: question.theme not in last_themes)
    fitting = _fits_for(local_hour)
    candidates = _prefer(candidates, lambda question: question.fits in fitting)
    rng = random.Random(seed)
    picked_theme = rng.choice(sorted({question.theme for question in candidates}))
    return rng.choice([question for question in candidates if question.theme == picked_theme])


def _scope(library: Library, theme: str | None, chosen_themes: Sequence[str]) -> list[Question]:
    if theme is not None:
        if theme not in library.themes:
            valid = ", ".join(sorted(library.themes))
            raise ValueError(f"unknown theme {theme!r}; valid themes: {valid}")
        return [question for question in library.questions if question.theme == theme]
    # Themes a member chose earlier may since have been removed: those are ignored, not an error.
    chosen = {tid for tid in chosen_themes if tid in library.themes}
    themes = chosen or set(library.themes) - OPT_IN_THEMES or set(library.themes)
    return [question for question in library.questions if question.theme in themes]


def _theme_of(library: Library, prompt_id: str) -> str | None:
    try:
        return library.question(prompt_id).theme
    except KeyError:
        pass
    try:  # asked in another language, before the member switched: its theme still counts
        return find_question(prompt_id).theme
    except KeyError:  # a question since removed from the library
        return None


def _fits_for(local_hour: int) -> frozenset[str]:
    if local_hour in START_HOURS:
        return frozenset({"start", "any"})
    if local_hour in MIDDAY_HOURS:
        return frozenset({"start", "end", "any"})
    return frozenset({"end", "any"})


def _prefer(questions: list[Question], wanted: Callable[[Question], bool]) -> list[Question]:
    return [question for question in questions if wanted(question)] or questions


def select_follow_up(
    library: Library, question: Question, reply_text: str, asked_ids: Sequence[str], seed: int = 0
) -> Prompt | None:
    """A follow-up fitted to the reply, or None when none is left.

    When the reply's cues point first to another theme than the question's, one of that theme's
    follow-ups not yet asked; else one of the question's own follow-ups not yet asked.
    """
    asked = set(asked_ids)
    rng = random.Random(seed)
    cued = library.cue_themes(reply_text)
    if cued and cued[0] != question.theme:
        fresh = [prompt for prompt in library.themes[cued[0]].follow_ups if prompt.id not in asked]
        if fresh:
            return rng.choice(fresh)
    own = [prompt for prompt in question.follow_ups if prompt.id not in asked]
    return rng.choice(own) if own else None


def select_step(library: Library, seed: int = 0) -> Prompt:
    """A prompt asking for one small next step."""
    return random.Random(seed).choice(library.steps)


def select_followthrough(library: Library, seed: int = 0) -> Prompt:
    """A prompt asking how last time's small step went."""
    return random.Random(seed).choice(library.followthroughs)
