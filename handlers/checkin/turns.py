"""The next turn of a check-in, from the reading of the reply: reflect first, then at most one open question.

The arc keeps to two questions after the opener: a follow-up (or, after a follow-through, the day's
question), then one small step. A step already named is confirmed in the person's words and the check-in
closes; push-back closes it kindly with ways out; a question about the bot gets a short, honest answer.
"""

from __future__ import annotations

import random
import re

from handlers.checkin.reading import Reading, read
from handlers.core.context import Ctx
from handlers.core.vocabulary import Button, Reply
from handlers.timing import step_due as step_time
from handlers.timing.due import member_shifts
from prompts.library import Library, library_for
from prompts.listening import say, variants
from prompts.messages import render
from prompts.messages import variants as message_variants
from prompts.selection import select_follow_up, select_step
from store.models import Conversation

LISTEN = "listen:"  # a follow-up id naming a listening.yaml question and variant ("listen:easier_question:1")
EASIER = "easier_question"
NO_STEP = re.compile(r"^\W*(no|nope|none|nothing|not sure|pass|skip|n/?a|no step|not today|idk|nada|ninguno)\W*$", re.I)


def reply(ctx: Ctx, conv: Conversation, text: str) -> list[Reply]:
    """The member answered the open check-in: read the reply, then answer what was said."""
    library = library_for(conv.question_id)
    turn = Turn(ctx, conv, read(text), text, library)
    prompt_id = {"followthrough": "followthrough", "question": conv.question_id}.get(conv.stage)
    if conv.stage != "step":  # the answer to the step question is kept as the step itself (or not at all)
        ctx.store.checkins.add_reflection(
            ctx.ws_id, ctx.member.id, conv.id, prompt_id or _last_asked(conv), text, ctx.now
        )
    if conv.stage == "followthrough" and conv.commitment_id is not None:
        ctx.store.checkins.mark_step_followed_up(conv.commitment_id, ctx.now)
    return turn.next()


def _last_asked(conv: Conversation) -> str:
    return conv.followups[-1] if conv.followups else conv.stage


class Turn:
    """One reply's answer; each method returns the replies and moves the check-in on."""

    def __init__(self, ctx: Ctx, conv: Conversation, reading: Reading, text: str, library: Library) -> None:
        self.ctx, self.conv, self.reading, self.text = ctx, conv, reading, text
        self.library, self.lang = library, library.language
        self.said = conv.said

    def next(self) -> list[Reply]:
        kind, stage = self.reading.kind, self.conv.stage
        if kind == "bot_question":
            return [self._with_ways_out(say("bot_answer", language=self.lang))]
        if kind == "disengaged":
            return self._close("declined", self._with_ways_out(self._say("exit_disengaged", name=self.ctx.name)))
        if kind == "thanks" or (kind == "minimal" and stage != "followthrough"):
            close = "close_thanks" if kind == "thanks" else "close_minimal"
            return self._close("completed", Reply(self._say(close, name=self.ctx.name)))
        if stage == "step":
            return self._after_step(self.text)
        if kind == "step":
            return self._confirm(self.reading.step)
        if kind == "unsure":
            return self._unsure()
        if stage == "followthrough":
            ack = self._reflection() or render("ack_followthrough", variant=self.conv.id, language=self.lang)
            return self._ask(ack, "question", self.library.question(self.conv.question_id).text, [])
        if stage == "question" and self.conv.commitment_id is None:
            return self._follow_up()
        return self._ask_step()

    # --- the turns ----------------------------------------------------------------------------------------

    def _follow_up(self) -> list[Reply]:
        reading, ack = self.reading, self._reflection()
        if reading.kind == "distress" and reading.strength >= 2 or reading.kind == "good_news":
            name = "distress_question" if reading.kind == "distress" else "good_question"
            variant = self.conv.id % variants(name, self.lang)
            return self._ask(ack, "followup", say(name, variant, language=self.lang), [f"{LISTEN}{name}:{variant}"])
        question = self.library.question(self.conv.question_id)
        follow = select_follow_up(self.library, question, self.text, self.conv.followups, seed=self.conv.id)
        if follow is None:
            return self._ask_step(ack)
        return self._ask(ack or self._ack(), "followup", follow.text, [follow.id])

    def _ask_step(self, ack: str | None = None) -> list[Reply]:
        ack = ack or self._reflection() or self._ack()
        return self._ask(ack, "step", select_step(self.library, seed=self.conv.id).text, None)

    def _unsure(self) -> list[Reply]:
        """An easier question in place of the first; later (a question already spent), an offer to come back."""
        conv, ack = self.conv, self._say("unsure_ack")
        if conv.stage == "followthrough":  # not knowing how a step went is an answer too
            return self._ask(ack, "question", self.library.question(conv.question_id).text, [])
        if conv.stage != "question" or conv.commitment_id is not None:
            return self._close("completed", Reply(self._say("come_back", name=self.ctx.name)))
        variant = conv.id % variants(EASIER, self.lang)
        question = say(EASIER, variant, language=self.lang)
        return self._ask(ack, "followup", question, [f"{LISTEN}{EASIER}:{variant}"])

    def _after_step(self, text: str) -> list[Reply]:
        reading = self.reading
        if reading.kind in ("unsure", "minimal") or NO_STEP.match(text):
            self.ctx.store.checkins.close_conversation(self.conv.id, "completed", self.ctx.now)
            return [Reply(render("close_without_step", variant=self.conv.id, name=self.ctx.name, language=self.lang))]
        if reading.step is None and reading.kind == "distress":  # a feeling, not a step: said back, no step kept
            close = render("close_without_step", variant=self.conv.id, name=self.ctx.name, language=self.lang)
            return self._close("completed", Reply(f"{self._reflection()} {close}"))
        if reading.step is None and len(text.split()) > 16:
            self._keep_step(text)  # a long answer is kept whole and not said back in full
            self.ctx.store.checkins.close_conversation(self.conv.id, "completed", self.ctx.now)
            return [Reply(render("close_with_step", variant=self.conv.id, name=self.ctx.name, language=self.lang))]
        return self._confirm(reading.step or text.strip().rstrip("."), whole=text)

    def _confirm(self, step: str, whole: str | None = None) -> list[Reply]:
        """A named step: kept with its own time, said back in the person's words, and the check-in closes."""
        self._keep_step(whole or step)
        return self._close("completed", Reply(self._say("confirm_step", step=step, name=self.ctx.name)))

    def _keep_step(self, text: str) -> None:
        ctx = self.ctx
        due = step_time.due_at(self.reading.when, ctx.now, ctx.zone(), member_shifts(ctx.member))
        ctx.store.checkins.add_commitment(ctx.ws_id, ctx.member.id, self.conv.id, text, ctx.now, due_at=due)

    # --- helpers ------------------------------------------------------------------------------------------

    def _reflection(self) -> str | None:
        """A reflection of a feeling or recognition of good news, never the one said last; None for neither."""
        reading, lang = self.reading, self.lang
        if reading.feeling is not None:
            feeling = say(f"feeling_{reading.feeling}", max(reading.strength, 1) - 1, language=lang)
            name = "reflect_quoted" if reading.quote else "reflect"
            return self._say(name, feeling=feeling, words=reading.quote or "")
        if reading.good_news:
            name = "recognise_good_quoted" if reading.quote else "recognise_good"
            return self._say(name, words=reading.quote or "")
        return None

    def _say(self, key: str, /, **values: object) -> str:
        return say(key, self._pick(key, variants(key, self.lang)), language=self.lang, **values)

    def _ack(self) -> str:
        """A plain acknowledgement (messages.yaml), for a reply with no feeling or news in it."""
        return render("ack", self._pick("ack", message_variants("ack", self.lang)), language=self.lang)

    def _pick(self, name: str, count: int) -> int:
        """A variant that varies by check-in and turn, and is never the one said last."""
        variant = random.Random(f"{self.conv.id}:{self.conv.stage}:{name}").randrange(count)
        if f"{name}:{variant}" == self.said:
            variant = (variant + 1) % count
        self.said = f"{name}:{variant}"
        return variant

    def _ask(self, ack: str, stage: str, question: str, followups: list[str] | None) -> list[Reply]:
        changes = {"stage": stage, "last_activity_at": self.ctx.now, "said": self.said}
        if followups is not None:
            changes["followups"] = followups
        self.ctx.store.checkins.update_conversation(self.conv.id, **changes)
        return [Reply(f"{ack}\n*{question}*")]

    def _close(self, outcome: str, reply: Reply) -> list[Reply]:
        self.ctx.store.checkins.update_conversation(self.conv.id, said=self.said)
        self.ctx.store.checkins.close_conversation(self.conv.id, outcome, self.ctx.now)
        return [reply]

    def _with_ways_out(self, text: str) -> Reply:
        """Ways to change or stop the check-ins, as buttons; each has a handler in checkin.buttons."""
        lang = self.lang
        return Reply(
            text,
            buttons=(
                Button(say("button_skip", language=lang), "checkin:skip"),
                Button(say("button_fewer", language=lang), "checkin:fewer"),
                Button(say("button_time", language=lang), "checkin:time"),
                Button(say("button_pause", language=lang), "checkin:pause"),
            ),
        )
