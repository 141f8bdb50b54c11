"""A clinician's own data: what is kept and who sees it, an export, and deletion after a clear yes."""

from __future__ import annotations

import json

from handlers.context import Ctx
from handlers.messages import Attachment, Button, Reply
from prompts.messages import render


def explain(ctx: Ctx, args: str = "") -> list[Reply]:
    return [Reply(render("privacy", retention_days=ctx.setting("retention_days")))]


def export(ctx: Ctx, args: str = "") -> list[Reply]:
    data = ctx.store.export_member(ctx.ws_id, ctx.member.id)
    data["exported_at"] = ctx.now.isoformat()
    content = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    filename = f"microcoach-export-{ctx.now:%Y%m%d}.json"
    return [
        Reply(
            render("export_ready"),
            attachment=Attachment(filename, content, "application/json", title="Your microcoach data"),
        )
    ]


def delete(ctx: Ctx, args: str = "") -> list[Reply]:
    """Deletion needs an explicit second choice."""
    return [
        Reply(
            render("delete_confirm"),
            buttons=(
                Button("Delete everything", "privacy:delete-yes", style="danger"),
                Button("Keep my data", "privacy:delete-no"),
            ),
        )
    ]


def delete_yes(ctx: Ctx) -> list[Reply]:
    ctx.store.delete_member(ctx.ws_id, ctx.member.id)
    # The audit log keeps only that a deletion happened: no name, no id that could be joined back.
    ctx.store.audit(ctx.ws_id, None, "a member", "member.data_deleted", "", ctx.now)
    return [Reply(render("deleted"))]


def delete_no(ctx: Ctx) -> list[Reply]:
    return [Reply(render("delete_kept"))]


ACTIONS = {"privacy:delete-yes": delete_yes, "privacy:delete-no": delete_no}
