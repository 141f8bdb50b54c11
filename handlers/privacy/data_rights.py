"""A clinician's own data: what is kept and who sees it, an export, and deletion after a clear yes."""

from __future__ import annotations

import json
import logging

from handlers.coach import offers as coach_offers
from handlers.core.context import Ctx
from handlers.core.vocabulary import Attachment, Button, Reply
from prompts.messages import render

logger = logging.getLogger(__name__)


def explain(ctx: Ctx, args: str = "") -> list[Reply]:
    return [Reply(render("privacy", retention_days=ctx.setting("retention_days")))]


def export(ctx: Ctx, args: str = "") -> list[Reply]:
    data = ctx.store.privacy.export_member(ctx.ws_id, ctx.member.id)
    data["exported_at"] = ctx.now.isoformat()
    content = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    filename = f"microcoach-export-{ctx.now:%Y%m%d}.json"
    return [
        Reply(
            render("export_ready"),
            attachment=Attachment(filename, content, "application/json", title=render("export_title")),
        )
    ]


def delete(ctx: Ctx, args: str = "") -> list[Reply]:
    """Deletion needs an explicit second choice."""
    return [
        Reply(
            render("delete_confirm"),
            buttons=(
                Button(render("button_delete_everything"), "privacy:delete-yes", style="danger"),
                Button(render("button_keep_data"), "privacy:delete-no"),
            ),
        )
    ]


def delete_yes(ctx: Ctx) -> list[Reply]:
    """Delete everything, then tell the people whose coaching it touched what happens next.

    Not written to the admin audit log: a deletion with its time is an event about one person.
    """
    departure = ctx.store.privacy.forget_member(ctx.ws_id, ctx.member.id, ctx.now)
    logger.info("a member of workspace %s deleted their data", ctx.ws_id)
    return [Reply(render("deleted")), *coach_offers.after_departure(ctx, departure)]


def delete_no(ctx: Ctx) -> list[Reply]:
    return [Reply(render("delete_kept"))]


ACTIONS = {"privacy:delete-yes": delete_yes, "privacy:delete-no": delete_no}
