"""Cards with buttons remembered on the server: a press carries a random card key and its action, nothing else.

Everything a press used to carry (the card's words, the label, which message to redraw) came from the client, so a
crafted submit could make the bot redraw any of its messages in that chat with words of the sender's choosing. Now
the words, the labels, the conversation and the activity id are ours, looked up by the key.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from datetime import datetime

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

from bot.teams.cards import CARD_KEY, to_activity
from handlers.core.vocabulary import Reply
from store import Store
from store.repo_cards import CardSent, PressedCard


def new_card_key() -> str:
    return secrets.token_urlsafe(32)


def card_key_for(reply: Reply) -> str | None:
    """A new key for a reply that is drawn as a card (a form or buttons), else None."""
    return new_card_key() if reply.form is not None or reply.buttons else None


def card_labels(reply: Reply) -> dict[str, str]:
    """What a press of each button redraws: its label (a form: its title, for the submit)."""
    if reply.form is not None:
        return {reply.form.form_id: reply.form.title}
    return {button.action: button.label for button in reply.buttons}


def card_text(reply: Reply) -> str:
    return reply.form.title if reply.form is not None else reply.text


class CardMemory:
    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self._store = store
        self._clock = clock

    async def post(self, turn_context: TurnContext, reply: Reply, *, tenant: str, user_id: str) -> str:
        """Post one reply in this turn's conversation and return its activity id; a card is remembered after the
        post (one Teams did not give an id for cannot be redrawn, so it is not kept)."""
        card_key = card_key_for(reply)
        response = await turn_context.send_activity(to_activity(reply, card_key))
        activity_id = getattr(response, "id", "") or ""
        await self.remember(card_key, reply, tenant=tenant, user_id=user_id,
                            conversation_id=turn_context.activity.conversation.id, activity_id=activity_id)  # fmt: skip
        return activity_id

    async def remember(self, card_key: str | None, reply: Reply, *, tenant: str, user_id: str, conversation_id: str,
                       activity_id: str) -> None:  # fmt: skip
        """Keep a posted card (for proactive sends, which post without a turn); one with no id cannot be redrawn."""
        if card_key and activity_id:
            sent = CardSent("teams", tenant, user_id, conversation_id, activity_id, card_text(reply),
                            card_labels(reply))  # fmt: skip
            await asyncio.to_thread(self._store.cards.remember_card, card_key, sent, self._clock())

    async def press(self, value: dict, activity: Activity, action: str) -> PressedCard | None:
        card_key = value.get(CARD_KEY)
        if not isinstance(card_key, str) or not card_key or activity.conversation is None:
            return None
        return await asyncio.to_thread(self._store.cards.press_card, card_key, activity.conversation.id, action,
                                       self._clock())  # fmt: skip
