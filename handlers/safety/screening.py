"""Ask when unsure: at concern, one kind, direct question first (ASQ and Columbia Protocol style).

"Are you having thoughts of ending your life?" Yes or Not sure leads to the crisis reply; No gets a warm
line and the open check-in carries on where it was. The message that raised the concern is never stored
as an answer, and only the level is counted. What is kept while the question waits is one timestamp on
the member (and whether it was asked twice); it lapses after 12 hours, like an idle check-in.

A typed reply is read as an answer when it is one (yes, no, not sure, sí, no sé, and their variants).
Anything else is assessed like any message: crisis is a crisis, concern again is taken as "not sure",
and otherwise the question is asked once more, gently, with its buttons; after that the message is
handled as usual (the person has moved on).
"""

from __future__ import annotations

import re
from datetime import timedelta

from handlers.checkin import dialogue as checkin
from handlers.core.context import Ctx
from handlers.core.vocabulary import Button, Reply
from handlers.safety import Assessment, crisis
from handlers.safety.language import language_for
from handlers.safety.text import normalise
from prompts.messages import render

SCREEN_EXPIRY = timedelta(hours=12)  # the same as an idle check-in

# Typed answers, read after normalise (lowercase, accents gone, "i'm" -> "i am"). Not sure is tried first:
# "no se" and "i do not know" begin like a no.
_UNSURE = re.compile(
    r"^(?:(?:i am |im )?not (?:really )?sure|unsure|maybe|perhaps|idk|i do not know|do not know|dunno|"
    r"kind of|sort of|kinda|sometimes|a little|a bit|i guess|hard to say|possibly|no se|no lo se|"
    r"no estoy segur[oa]|tal vez|quizas?|puede ser|a lo mejor|a veces|mas o menos|un poco)\b"
)
_YES = re.compile(
    r"^(?:yes|y|yeah|yea|yep|yup|ya|yah|sure|i am|i have|i do|honestly yes|si|sip|claro|la verdad si|"
    r"pues si|sii+|yes+)\b"
)
_NO = re.compile(
    r"^(?:no|nope|nah|n|not at all|not really|never|no i am not|i am not|i am ok|i am okay|i am fine|"
    r"para nada|de ninguna manera|en absoluto|nunca|no no)\b"
)
_MOST_WORDS = 8  # an answer is short; a longer message is read as a message


def language(ctx: Ctx, text: str = "") -> str:
    """The member's language (their choice, Spanish locale, workspace default), or Spanish when the message is."""
    return "es" if ctx.language == "es" else language_for(None, text)


def ask(ctx: Ctx, source: str, lang: str) -> list[Reply]:
    """Count the concern, remember that a question is open, and ask it."""
    ctx.store.checkins.record_crisis(ctx.ws_id, source, ctx.now, level="concern")
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, screening_since=ctx.now, screening_reasked=False)
    return [_question(ctx, "screen_question", lang)]


def pending(ctx: Ctx) -> bool:
    """Is the question waiting for this member's answer? A stale one lapses (and is forgotten) here."""
    since = ctx.member.screening_since
    if since is None:
        return False
    if ctx.now - since >= SCREEN_EXPIRY:
        _forget(ctx)
        return False
    return True


def on_message(ctx: Ctx, text: str, assessment: Assessment) -> list[Reply] | None:
    """A message while the question waits: the answer, or None to handle it as usual."""
    lang = language(ctx, text)
    answer = parse_answer(text)
    if answer in ("yes", "unsure") or assessment.level != "none":
        return yes(ctx, lang)  # crisis is crisis; concern again is taken as "not sure"
    if answer == "no":
        return no(ctx, lang)
    if not ctx.member.screening_reasked:
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, screening_reasked=True)
        return [_question(ctx, "screen_reask", lang)]
    _forget(ctx)
    return None


def parse_answer(text: str) -> str | None:
    """ "yes", "no", "unsure", or None when the text is not an answer to the question."""
    plain = normalise(text).strip(" .,!?;:")
    if not plain or len(plain.split()) > _MOST_WORDS:
        return None
    for name, pattern in (("unsure", _UNSURE), ("yes", _YES), ("no", _NO)):
        if pattern.match(plain):
            return name
    return None


def yes(ctx: Ctx, lang: str = "") -> list[Reply]:
    """Yes, or not sure: today's crisis reply. A yes is honoured however late it comes."""
    _forget(ctx)
    return crisis.respond(ctx, source="screen", language=lang or language(ctx))


def no(ctx: Ctx, lang: str = "") -> list[Reply]:
    """A warm line, and the open check-in (if any) carries on where it was."""
    lang = lang or language(ctx)
    was_pending = pending(ctx)
    _forget(ctx)
    replies = [Reply(render("screen_no", language=lang, name=ctx.name))]
    conv = checkin.current(ctx) if was_pending else None
    if conv is not None:
        replies.append(Reply(f"{render('screen_resume', language=lang)}\n*{checkin.open_question(conv)}*"))
    return replies


def _question(ctx: Ctx, message: str, lang: str) -> Reply:
    return Reply(
        render(message, language=lang, name=ctx.name),
        buttons=(
            Button(render("screen_button_yes", language=lang), f"screen:yes:{lang}"),
            Button(render("screen_button_no", language=lang), f"screen:no:{lang}"),
            Button(render("screen_button_unsure", language=lang), f"screen:unsure:{lang}"),
        ),
    )


def forget(ctx: Ctx) -> None:
    """No question is waiting any more (answered, lapsed, or overtaken by a crisis)."""
    _forget(ctx)


def _forget(ctx: Ctx) -> None:
    if ctx.member.screening_since is not None or ctx.member.screening_reasked:
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, screening_since=None, screening_reasked=False)


ACTIONS = {
    "screen:yes": yes,
    "screen:unsure": yes,
    "screen:no": no,
}
