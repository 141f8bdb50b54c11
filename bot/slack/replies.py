"""Where a reply goes in Slack: a modal, someone else's DM, a group DM for introductions, the DM, or an ephemeral."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.routing import plan
from bot.services import Services
from bot.slack.render import message_blocks, modal_view
from handlers.core.vocabulary import Reply
from prompts.messages import render
from scheduler.notify import notify
from store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Where:
    """Where the person acted, so replies land in the right place."""

    team: str
    user: str
    channel: str | None = None  # the channel a command was typed in, or the DM of a message
    response_url: str | None = None
    in_bot_dm: bool = False


class ReplyRouting:
    """Sending handlers' replies; SlackBot mixes this in (it has `store` and `services`)."""

    store: Store
    services: Services

    async def _remember_dm(self, team: str, user: str, channel: str) -> None:
        workspace = await asyncio.to_thread(self.store.members.find_workspace, "slack", team)
        member = await asyncio.to_thread(self.store.members.member_by_user, workspace.id, user)
        if member is not None and member.dm_channel != channel:
            await asyncio.to_thread(self.store.members.update_member, workspace.id, member.id, dm_channel=channel)

    async def deliver(
        self, replies: list[Reply], where: Where, client: AsyncWebClient, *, respond=None, trigger_id: str | None = None
    ) -> None:
        """Each reply to its place (bot.routing): forms as modals, others' messages as their DMs, the rest here.

        Replies for the person stay together: all in the DM when any of them has buttons or a file (a
        check-in must be answerable in the DM), otherwise as ephemeral responses where they typed.
        """
        workspace = await asyncio.to_thread(self.store.members.find_workspace, "slack", where.team)
        steps = plan(replies, actor=where.user, forms=bool(trigger_id), group_chats=True)
        mine = [step.reply for step in steps if step.kind == "here"]
        to_dm = where.in_bot_dm or respond is None or any(r.buttons or r.attachment for r in mine)
        for step in steps:
            reply = step.reply
            if step.kind == "form":
                await client.views_open(trigger_id=trigger_id, view=modal_view(reply.form))
            elif step.kind == "group":
                await self._introduce(client, reply)
            elif step.kind == "other":
                await notify(self.store, self.services.senders, workspace, reply)
            elif to_dm:
                await self._to_dm(client, where, reply)
            else:
                await respond(text=reply.text, blocks=message_blocks(reply), response_type="ephemeral")
        if to_dm and mine and respond is not None and not where.in_bot_dm:
            await respond(text="I've sent you a DM.", response_type="ephemeral")

    async def _to_dm(self, client: AsyncWebClient, where: Where, reply: Reply) -> None:
        channel = where.channel if where.in_bot_dm and where.channel else where.user
        if reply.attachment is not None:
            opened = await client.conversations_open(users=where.user)
            await client.files_upload_v2(
                channel=opened["channel"]["id"],
                content=reply.attachment.content,
                filename=reply.attachment.filename,
                title=reply.attachment.title,
                initial_comment=reply.text,
            )
            return
        posted = await client.chat_postMessage(channel=channel, text=reply.text, blocks=message_blocks(reply))
        if not where.in_bot_dm:
            await self._remember_dm(where.team, where.user, posted["channel"])

    async def _introduce(self, client: AsyncWebClient, reply: Reply) -> None:
        """A group DM with the clinician, the coach and the bot, opened with the introduction."""
        try:
            opened = await client.conversations_open(users=",".join(reply.intro_with))
            await client.chat_postMessage(
                channel=opened["channel"]["id"], text=reply.text, blocks=message_blocks(reply)
            )
        except SlackApiError as problem:
            logger.warning("could not open the introduction group DM: %s", problem.response.get("error"))

    async def tell_failure(self, kwargs: dict) -> None:
        """The edge's one error policy, as on Teams: a person who asked for something hears that it failed.

        Privately, where they asked (an ephemeral answer) or in their DM; events nobody typed stay silent.
        """
        body = kwargs.get("body") or {}
        event = body.get("event") or {}
        user = (body.get("user") or {}).get("id") or body.get("user_id")
        if event:
            user = event.get("user") if event.get("type") == "message" and event.get("channel_type") == "im" else None
        if not user or event.get("bot_id"):
            return
        text = render("generic_error")
        try:
            respond = kwargs.get("respond")
            if respond is not None and body.get("response_url"):
                await respond(text=text, response_type="ephemeral")
            else:
                await kwargs["client"].chat_postMessage(channel=event.get("channel") or user, text=text)
        except Exception:
            logger.warning("could not tell user %s that a request failed", user)
