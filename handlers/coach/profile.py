"""A member's role and department: asked once (at the first coach request) and editable."""

from __future__ import annotations

from handlers.core.context import Ctx
from handlers.core.parsing import split_args, split_options
from handlers.core.vocabulary import CoachingError, Reply
from prompts.messages import render

ROLES = {
    "physician": "physician",
    "doctor": "physician",
    "md": "physician",
    "do": "physician",
    "resident": "resident",
    "fellow": "resident",
    "nurse": "nurse",
    "rn": "nurse",
    "np": "app",
    "pa": "app",
    "app": "app",
    "other": "other",
}
ROLE_CHOICES = ("physician", "resident", "nurse", "app", "other")
EXAMPLE = '/checkin profile role=nurse department="Intensive Care"'


def parse_role(text: str) -> str:
    role = ROLES.get(text.strip().lower())
    if role is None:
        raise CoachingError(render("err_role", value=text, roles=", ".join(ROLE_CHOICES)), EXAMPLE)
    return role


def update(ctx: Ctx, args: str) -> list[Reply]:
    plain, options = split_options(split_args(args, EXAMPLE))
    unknown = sorted(set(options) - {"role", "department"})
    if plain or unknown or not options:
        raise CoachingError(render("err_profile"), EXAMPLE)
    changes = {}
    if "role" in options:
        changes["role"] = parse_role(options["role"])
    if "department" in options:
        department = options["department"].strip()
        if not department or len(department) > 100:
            raise CoachingError(render("err_department_long"), EXAMPLE)
        changes["department"] = department
    member = ctx.store.members.update_member(ctx.ws_id, ctx.member.id, **changes)
    return [
        Reply(
            render(
                "role_set",
                role=member.role or render("profile_no_role"),
                department=member.department or render("profile_no_department"),
            )
        )
    ]
