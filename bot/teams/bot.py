"""The Teams ActivityHandler: activities become Incoming events, replies become messages and Adaptive Cards."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import replace
from types import MappingProxyType

from botbuilder.core import ActivityHandler, CardFactory, MessageFactory, TurnContext
from botbuilder.schema import Activity, ChannelAccount

from bot.routing import plan
from bot.services import Services
from bot.teams.card_memory import CardMemory
from bot.teams.cards import form_values, pressed_card, submitted_card, to_activity
from handlers.core.context import member_language
from handlers.core.vocabulary import Actor, Incoming, Reply
from handlers.dispatch import dispatch
from prompts.messages import render
from scheduler.notify import notify

logger = logging.getLogger(__name__)


def tenant_of(activity: Activity) -> str:
    """The Teams tenant: channelData.tenant.id (botbuilder drops conversation.tenantId on the way in)."""
    data = activity.channel_data or {}
    tenant = (data.get("tenant") or {}).get("id") if isinstance(data, dict) else None
    return tenant or getattr(activity.conversation, "tenant_id", None) or "teams"


def is_personal(activity: Activity) -> bool:
    return (getattr(activity.conversation, "conversation_type", None) or "personal") == "personal"


class MicrocoachBot(ActivityHandler):
    def __init__(self, services: Services, cards: CardMemory) -> None:
        self.services = services
        self.store = services.store
        self.cards = cards

    async def on_turn(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if await asyncio.to_thread(self._seen_before, activity):
            return  # a redelivery of an activity already handled (a form or a button must not count twice)
        await self._remember(activity)
        await super().on_turn(turn_context)

    def _seen_before(self, activity: Activity) -> bool:
        if not activity.id or not activity.conversation:
            return False
        # Teams conversation ids run long: a digest keeps the key short and exact.
        key = hashlib.sha256(f"{tenant_of(activity)}:{activity.conversation.id}:{activity.id}".encode()).hexdigest()
        return not self.store.events.first_sight("teams", key, self.services.clock())

    async def _remember(self, activity: Activity) -> None:
        """Keep the conversation reference of every 1:1 chat fresh: it is how check-ins reach this person."""
        if not is_personal(activity) or activity.from_property is None or not activity.from_property.id:
            return
        if activity.from_property.id == getattr(activity.recipient, "id", None):
            return
        reference = TurnContext.get_conversation_reference(activity).serialize()
        await asyncio.to_thread(self._store_reference, activity, reference)

    def _store_reference(self, activity: Activity, reference: dict) -> None:
        now = self.services.clock()
        workspace = self.store.members.ensure_workspace("teams", tenant_of(activity), now)
        person = activity.from_property
        member = self.store.members.ensure_member(workspace.id, person.id, now, display_name=person.name or None,
                                          timezone=_zone(activity),
                                          aad_object_id=getattr(person, "aad_object_id", None) or None)  # fmt: skip
        if member.conversation_ref != reference or member.unreachable_reason:
            self.store.members.update_member(
                workspace.id, member.id, conversation_ref=reference, unreachable_reason=None
            )

    def actor(self, activity: Activity) -> Actor:
        person: ChannelAccount = activity.from_property
        aad_object_id = getattr(person, "aad_object_id", None) or None
        is_admin = self.services.settings.program_admin((person.id, aad_object_id), False)
        return Actor("teams", tenant_of(activity), person.id, display_name=person.name or "",
                     timezone=_zone(activity), is_admin=is_admin,
                     locale=getattr(activity, "locale", None) or None, aad_object_id=aad_object_id)  # fmt: skip

    async def run(self, incoming: Incoming) -> list[Reply]:
        return await asyncio.to_thread(dispatch, incoming, self.store, self.services.clock(),
                                       org=self.services.settings.org)  # fmt: skip

    # --- messages, card presses and forms -----------------------------------------------------
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if isinstance(activity.value, dict) and ({"mc_action", "mc_form"} & set(activity.value)):
            await self._on_submit(turn_context, activity.value)
            return
        text = TurnContext.remove_recipient_mention(activity) if not is_personal(activity) else activity.text
        incoming = Incoming(self.actor(activity), "message", text=(text or "").strip(),
                            in_channel=not is_personal(activity))  # fmt: skip
        replies = await self.run(incoming)
        if is_personal(activity):
            await self.send(turn_context, replies)
        else:
            await self._answer_privately(turn_context, replies)

    async def _answer_privately(self, turn_context: TurnContext, replies: list[Reply]) -> None:
        """Said in a channel or group chat: the answer goes to the person's 1:1 chat, never to everyone there.

        Teams has no message only one person sees, so an admin's schedules or figures posted here would reach
        every member of the channel. Only the pointer to the 1:1 chat is said in the channel.
        """
        person = turn_context.activity.from_property.id
        workspace = await asyncio.to_thread(
            self.store.members.find_workspace, "teams", tenant_of(turn_context.activity)
        )
        member = await asyncio.to_thread(self.store.members.member_by_user, workspace.id, person) if workspace else None
        locale = getattr(turn_context.activity, "locale", None)
        language = member_language(member, workspace, locale=locale) if member else None
        pointer = render("channel_pointer", language=language)  # as dispatch said it, to tell it apart
        private = [r for r in replies if r.text != pointer]
        if not private or member is None or not member.conversation_ref:
            await turn_context.send_activity(to_activity(Reply(pointer)))
            return
        for reply in private:
            await notify(self.store, self.services.senders, workspace, replace(reply, to=person))
        await turn_context.send_activity(to_activity(Reply(render("channel_answered_privately", language=language))))

    async def _on_submit(self, turn_context: TurnContext, value: dict) -> None:
        """A card was pressed or submitted: redraw it without its buttons first, so it cannot be pressed twice.

        The press names its card by key; what is redrawn, and where, is what we remembered when we sent it. A card we
        do not know (forged, or past housekeeping) redraws nothing, though its action still runs for the person who
        pressed it; a card pressed before does nothing more.
        """
        activity = turn_context.activity
        is_form = "mc_form" in value
        action = str(value["mc_form"] if is_form else value["mc_action"])
        card = await self.cards.press(value, activity, action)
        if card is not None and not card.first:
            return
        if card is not None:
            redrawn = submitted_card(card.label) if is_form else pressed_card(card.text, card.label)
            await self._redraw(turn_context, card.activity_id, redrawn)
        if is_form:
            incoming = Incoming(self.actor(activity), "form", action=action,
                                values=MappingProxyType(form_values(value)))  # fmt: skip
        else:
            incoming = Incoming(self.actor(activity), "action", action=action)
        await self.send(turn_context, await self.run(incoming))

    async def _redraw(self, turn_context: TurnContext, activity_id: str, card: dict) -> None:
        update = MessageFactory.attachment(CardFactory.adaptive_card(card))
        update.id = activity_id
        try:
            await turn_context.update_activity(update)
        except Exception:
            logger.warning("could not redraw a pressed card (activity %s)", activity_id)

    # --- install and remove -------------------------------------------------------------------
    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        await self._welcome(turn_context)

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(member.id == bot_id for member in members_added):
            await self._welcome(turn_context)

    async def _welcome(self, turn_context: TurnContext) -> None:
        """What this is, what is kept, who sees what, how to stop: once, in the 1:1 chat only."""
        activity = turn_context.activity
        if not is_personal(activity) or activity.from_property is None:
            return
        await self.send(turn_context, await self.run(Incoming(self.actor(activity), "install")))

    async def on_installation_update_remove(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        await asyncio.to_thread(self._mark_removed, activity)

    def _mark_removed(self, activity: Activity) -> None:
        workspace = self.store.members.find_workspace("teams", tenant_of(activity))
        member = self.store.members.member_by_user(workspace.id, activity.from_property.id) if workspace else None
        if member is not None:
            self.store.members.update_member(workspace.id, member.id, unreachable_reason="removed the app in Teams")

    # --- sending ------------------------------------------------------------------------------
    async def send(self, turn_context: TurnContext, replies: list[Reply]) -> None:
        """Replies to this chat; messages for other people go to their own 1:1 chats."""
        activity = turn_context.activity
        workspace = await asyncio.to_thread(self.store.members.find_workspace, "teams", tenant_of(activity))
        person = activity.from_property.id
        # Teams has no group chat a bot can open: an introduction is said to each person in their own chat.
        for step in plan(replies, actor=person, forms=True, group_chats=False):
            if step.kind == "other":
                await notify(self.store, self.services.senders, workspace, step.reply)
            else:
                await self.cards.post(turn_context, step.reply, tenant=tenant_of(activity), user_id=person)


def _zone(activity: Activity) -> str | None:
    """Teams tells the sender's IANA zone on each message."""
    zone = getattr(activity, "local_timezone", None)
    return zone or None
