"""One routing step for Slack, Teams and the console: which reply goes where. Each adapter only renders and sends.

Four places a reply can go: back to the person who acted (`here`), to someone else's own chat (`other`), a form
to open (`form`), or a group chat for an introduction (`group`). Where a platform cannot do the last two at this
moment (no trigger to open a Slack modal; no group chats in Teams or the console), the same thing is said in
words instead, so nothing is dropped quietly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from handlers.forms import in_words
from handlers.messages import Reply

Kind = Literal["here", "other", "form", "group"]


@dataclass(frozen=True)
class Step:
    kind: Kind
    reply: Reply


def plan(replies: list[Reply], *, actor: str, forms: bool, group_chats: bool) -> list[Step]:
    """Where each reply goes, in order. `forms`: a form can be opened now; `group_chats`: the platform has them."""
    steps: list[Step] = []
    for reply in replies:
        if reply.form is not None:
            steps.append(Step("form", reply) if forms else Step("here", in_words(reply.form)))
        elif reply.intro_with and group_chats:
            steps.append(Step("group", reply))
        elif reply.intro_with:
            alone = reply.intro_alone or reply.text
            steps += [_to(Reply(alone, to=person), actor) for person in reply.intro_with]
        else:
            steps.append(_to(reply, actor))
    return steps


def _to(reply: Reply, actor: str) -> Step:
    if reply.to is None or reply.to == actor:
        return Step("here", replace(reply, to=None))
    return Step("other", reply)
