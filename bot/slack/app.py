"""The Bolt app: listeners that turn Slack requests into Incoming events and Replies back into Slack messages.

Every listener acknowledges first (Slack's 3 seconds), then works. Event retries are processed
once (the event id is recorded in the store). Slash commands answer privately: in the bot's own
DM as messages, elsewhere as ephemeral responses (or a DM, when the reply starts a check-in).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from types import MappingProxyType

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.markup import unescape
from bot.services import Services
from bot.slack import directory
from bot.slack.render import (
    FORM_PREFIX,
    form_values,
    home_view,
    pressed_blocks,
)
from bot.slack.replies import ReplyRouting, Where
from handlers.core.vocabulary import Actor, Incoming, Reply
from handlers.dispatch import dispatch

logger = logging.getLogger(__name__)

COMMANDS = ("/coach", "/checkin", "/nudge")
CHANNEL_MENTION = re.compile(r"<#([A-Z0-9]+)(?:\|[^>]*)?>")


class SlackBot(ReplyRouting):
    """The listeners, with the services they share; `register(app)` wires them to a Bolt app."""

    form_answer_budget = 2.0  # seconds of Slack's 3 to save a form and answer in the modal itself

    def __init__(self, services: Services) -> None:
        self.services = services
        self.store = services.store
        self._busy = 0
        self._idle = asyncio.Condition()

    def register(self, app: AsyncApp) -> None:
        track = self._tracked
        for command in COMMANDS:
            app.command(command)(track(self.on_command))
        app.event("message")(track(self.on_message))
        app.event("app_home_opened")(track(self.on_home_opened))
        app.event("user_change")(track(self.on_user_change))
        app.event("team_join")(track(self.on_user_change))
        app.event("member_joined_channel")(track(self.on_channel_change))
        app.event("member_left_channel")(track(self.on_channel_change))
        app.event("app_uninstalled")(track(self.on_uninstalled))
        app.event("tokens_revoked")(track(self.on_uninstalled))
        app.action(re.compile(".+"))(track(self.on_action))
        app.view(re.compile("^" + re.escape(FORM_PREFIX)))(track(self.on_view))
        app.view_closed(re.compile(".*"))(self.on_view_closed)

    def _tracked(self, listener):
        """Count listeners still working after their ack, so a shutdown (or a test) can wait for them."""

        @functools.wraps(listener)  # Bolt reads the wrapped signature to pass ack, body, client...
        async def run(**kwargs):
            self._busy += 1
            try:
                if await self.seen_before(kwargs.get("body") or {}):
                    return None
                return await listener(**kwargs)
            except Exception:
                logger.exception("Slack listener %s failed", listener.__name__)
                await self.tell_failure(kwargs)
            finally:
                self._busy -= 1
                async with self._idle:
                    self._idle.notify_all()

        return run

    async def settled(self, timeout: float = 10.0) -> None:
        """Wait until no listener is working (work continues after the ack, by design)."""
        async with self._idle:
            await asyncio.wait_for(self._idle.wait_for(lambda: self._busy == 0), timeout)

    # --- the edges of every request -------------------------------------------------------------
    async def seen_before(self, body: dict) -> bool:
        """Slack resends events it thinks failed: each event id is recorded and a repeat is not run again.

        This runs after the acknowledgement (Bolt acks events before their listener), so the
        database write never delays the ack and Slack has no reason to resend.
        """
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if not event_id:
            return False
        key = f"{body.get('team_id', '')}:{event_id}"
        return not await asyncio.to_thread(self.store.events.first_sight, "slack", key, self.services.clock())

    async def actor(self, team: str, user_id: str, client: AsyncWebClient, *, lookup: bool = True) -> Actor:
        """The person as the handlers see them; a first-time person's profile is read once (users.info).

        `lookup=False` reads the store only: for answers Slack is still waiting on.
        """
        now = self.services.clock()
        workspace = await asyncio.to_thread(self.store.members.ensure_workspace, "slack", team, now)
        member = await asyncio.to_thread(self.store.members.member_by_user, workspace.id, user_id)
        if lookup and (member is None or not member.display_name or member.locale is None):
            try:
                # The locale ("es-ES", "es-419") decides the language of a crisis reply; asked for once.
                info = await client.users_info(user=user_id, include_locale=True)
                fields = directory.profile_fields(info["user"])
                fields.pop("user_id")
                fields["locale"] = fields.get("locale") or ""  # "" = asked, none given: not asked again
                member = await asyncio.to_thread(self.store.members.ensure_member, workspace.id, user_id, now, **fields)
            except SlackApiError as problem:
                logger.warning("users.info failed for a new member: %s", problem.response.get("error"))
        is_admin = self.services.settings.program_admin((user_id,), bool(member and member.platform_admin))
        return Actor(
            "slack",
            team,
            user_id,
            display_name=member.display_name if member else "",
            timezone=member.timezone if member else None,
            is_admin=is_admin,
            locale=(member.locale or None) if member else None,
        )

    async def run(self, incoming: Incoming) -> list[Reply]:
        return await asyncio.to_thread(
            dispatch, incoming, self.store, self.services.clock(), org=self.services.settings.org
        )

    # --- slash commands -------------------------------------------------------------------------
    async def on_command(self, ack, body: dict, client: AsyncWebClient, respond) -> None:
        await ack()
        team, user = body["team_id"], body["user_id"]
        text = unescape(body.get("text") or "")
        actor = await self.actor(team, user, client)
        command = body["command"].lstrip("/")
        if command == "nudge" and actor.is_admin:  # rights first: nobody else makes us page through a channel
            await self._sync_mentioned_channels(team, text, client)
        replies = await self.run(Incoming(actor, "command", text=text, command=command))
        member_dm = await self._dm_channel(team, user)
        where = Where(
            team,
            user,
            body.get("channel_id"),
            body.get("response_url"),
            in_bot_dm=bool(member_dm) and body.get("channel_id") == member_dm,
        )
        await self.deliver(replies, where, client, respond=respond, trigger_id=body.get("trigger_id"))

    async def _sync_mentioned_channels(self, team: str, text: str, client: AsyncWebClient) -> None:
        """A channel named in `/nudge add ... to #icu` is read now, so the preview counts its members."""
        channels = CHANNEL_MENTION.findall(text)
        if channels:
            workspace = await asyncio.to_thread(
                self.store.members.ensure_workspace, "slack", team, self.services.clock()
            )
            for channel in channels:
                await directory.sync_channel(client, self.store, workspace.id, channel, self.services.clock())

    async def _dm_channel(self, team: str, user: str) -> str | None:
        workspace = await asyncio.to_thread(self.store.members.find_workspace, "slack", team)
        member = await asyncio.to_thread(self.store.members.member_by_user, workspace.id, user) if workspace else None
        return member.dm_channel if member else None

    # --- direct messages, buttons, forms, home --------------------------------------------------
    async def on_message(self, event: dict, body: dict, client: AsyncWebClient) -> None:
        """A DM to the bot; anything else (channels, edits, bots, joins) is not ours to answer."""
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        team = body.get("team_id") or event.get("team")
        actor = await self.actor(team, event["user"], client)
        replies = await self.run(Incoming(actor, "message", text=unescape(event.get("text") or "")))
        await self._remember_dm(team, event["user"], event["channel"])
        await self.deliver(replies, Where(team, event["user"], event["channel"], in_bot_dm=True), client)

    async def on_action(self, ack, body: dict, client: AsyncWebClient) -> None:
        await ack()
        team, user = body["team"]["id"], body["user"]["id"]
        action = body["actions"][0]
        await self._mark_pressed(body, action, client)
        actor = await self.actor(team, user, client)
        replies = await self.run(Incoming(actor, "action", action=action.get("value") or action["action_id"]))
        if body.get("view", {}).get("type") == "home":
            await self.publish_home(team, user, client)
        channel = (body.get("channel") or {}).get("id")
        in_dm = bool(channel) and channel.startswith("D")
        await self.deliver(
            replies,
            Where(team, user, channel, body.get("response_url"), in_bot_dm=in_dm),
            client,
            trigger_id=body.get("trigger_id"),
        )

    async def _mark_pressed(self, body: dict, action: dict, client: AsyncWebClient) -> None:
        """Show the choice and take the buttons away, so the same message cannot be pressed twice."""
        message, channel = body.get("message"), (body.get("channel") or {}).get("id")
        if not message or not channel:
            return
        label = (action.get("text") or {}).get("text", "")
        try:
            await client.chat_update(
                channel=channel,
                ts=message["ts"],
                text=message.get("text", ""),
                blocks=pressed_blocks(message.get("blocks") or [], label),
            )
        except SlackApiError as problem:
            logger.warning("could not mark a pressed message: %s", problem.response.get("error"))

    async def on_view(self, ack, body: dict, view: dict, client: AsyncWebClient) -> None:
        """A submitted form: problems are shown in the modal itself; otherwise it closes and replies come by DM.

        Slack waits 3 seconds for the answer and the person may submit again, so: no Web API call before the
        answer (the person is read from the store), each view is saved once (its id is claimed first, and
        released when the form had a problem, so the corrected one goes through), and a save slower than
        `form_answer_budget` closes the modal at once and answers by DM.
        """
        team, user = body["team"]["id"], body["user"]["id"]
        claim = f"{team}:{view['id']}"
        if not await asyncio.to_thread(self.store.events.first_sight, "slack-view", claim, self.services.clock()):
            await ack()  # this form was already saved: a resubmission changes nothing
            return
        actor = await self.actor(team, user, client, lookup=False)
        values = {k: unescape(v) for k, v in form_values(view["state"]).items()}
        action = view["callback_id"][len(FORM_PREFIX) :]
        work = asyncio.ensure_future(self.run(Incoming(actor, "form", action=action, values=MappingProxyType(values))))
        done, _ = await asyncio.wait({work}, timeout=self.form_answer_budget)
        if not done:
            await ack()
        replies = await work
        if any(r.error for r in replies):
            await asyncio.to_thread(self.store.events.forget_sight, "slack-view", claim)
        if done and any(r.error for r in replies):
            first = view["blocks"][0]["block_id"] if view.get("blocks") else "x"
            await ack(response_action="errors", errors={first: next(r for r in replies if r.error).text[:300]})
            return
        if done:
            await ack()
        await self.deliver(replies, Where(team, user), client)

    async def on_view_closed(self, ack) -> None:
        await ack()

    async def on_home_opened(self, event: dict, body: dict, client: AsyncWebClient) -> None:
        if event.get("tab") == "home":
            await self.publish_home(body.get("team_id"), event["user"], client)

    async def publish_home(self, team: str, user: str, client: AsyncWebClient) -> None:
        actor = await self.actor(team, user, client)
        replies = await self.run(Incoming(actor, "home"))
        await client.views_publish(user_id=user, view=home_view(replies))

    # --- directory and lifecycle ----------------------------------------------------------------
    async def on_user_change(self, event: dict, body: dict) -> None:
        user = event.get("user") or {}
        if not directory.is_person(user):
            return
        now = self.services.clock()
        workspace = await asyncio.to_thread(self.store.members.ensure_workspace, "slack", body.get("team_id"), now)
        fields = directory.profile_fields(user)
        await asyncio.to_thread(self.store.members.bulk_upsert_members, workspace.id, [fields], now)

    async def on_channel_change(self, event: dict, body: dict, client: AsyncWebClient) -> None:
        workspace = await asyncio.to_thread(self.store.members.find_workspace, "slack", body.get("team_id"))
        if workspace and event.get("channel") in await asyncio.to_thread(
            directory.audience_channels, self.store, workspace.id
        ):
            await directory.sync_channel(client, self.store, workspace.id, event["channel"], self.services.clock())

    async def on_uninstalled(self, body: dict) -> None:
        """No more deliveries to a workspace that removed the app (or revoked its tokens)."""
        workspace = await asyncio.to_thread(self.store.members.find_workspace, "slack", body.get("team_id"))
        if workspace is not None:
            await asyncio.to_thread(self.store.members.set_workspace_active, workspace.id, False, self.services.clock())
            logger.info("workspace %s uninstalled the app; deliveries stopped", workspace.id)
