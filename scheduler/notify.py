"""Messages to someone other than the person who acted (a coach's offer, an introduction), sent as DMs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from handlers.core.vocabulary import Reply
from scheduler.sender import Outgoing, Recipient, Sender
from store import Store
from store.models import Workspace

logger = logging.getLogger(__name__)


async def notify(store: Store, senders: Mapping[str, Sender], workspace: Workspace, reply: Reply) -> bool:
    """Send `reply` to `reply.to` in `workspace`; False (and a log line with ids only) if it could not go."""
    sender = senders.get(workspace.platform)
    member = await asyncio.to_thread(store.members.member_by_user, workspace.id, reply.to) if reply.to else None
    if sender is None or member is None:
        logger.warning("no way to reach user %s in workspace %s", reply.to, workspace.id)
        return False
    result = await sender.send(Outgoing(Recipient.of(member, workspace), (reply,)))
    if result.status != "sent":
        logger.warning("message to member %s not sent: %s", member.id, result.status)
        return False
    if result.dm_channel and result.dm_channel != member.dm_channel:
        await asyncio.to_thread(store.members.update_member, workspace.id, member.id, dm_channel=result.dm_channel)
    return True
