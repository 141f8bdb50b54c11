"""Who may run program-admin commands, and the plain refusal for everyone else."""

from __future__ import annotations

from handlers.core.context import Ctx
from handlers.core.vocabulary import CoachingError
from prompts.messages import render


def require_admin(ctx: Ctx, word: str, command: str = "nudge") -> None:
    """Admins are MICROCOACH_ADMINS and the platform's own workspace admins (decided at the edge)."""
    if not ctx.is_admin:
        raise CoachingError(render("admin_only", command=command, word=word))


def audit(ctx: Ctx, action: str, target: str) -> None:
    """Record an admin change: who, what, when (never anyone's words)."""
    ctx.store.audit.record(
        ctx.ws_id, ctx.member.id, ctx.member.display_name or ctx.member.user_id, action, target, ctx.now
    )
