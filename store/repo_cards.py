"""Sent Teams cards: remember one, take a press once, forget old ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import JSON, delete, insert, literal, select, update

from store.db import UTCDateTime
from store.models import Member, Workspace
from store.models_cards import SentCard
from store.repo_base import RepoBase


@dataclass(frozen=True)
class CardSent:
    """A card just posted: to whom (platform ids), where, its words and its buttons (action id -> label)."""

    platform: str
    workspace: str
    user_id: str
    conversation_id: str
    activity_id: str
    text: str
    labels: dict[str, str]


@dataclass(frozen=True)
class PressedCard:
    """What a press may redraw: the card's own activity, words and the label of the button pressed."""

    activity_id: str
    text: str
    label: str
    first: bool  # False: pressed before (a double click, or two devices); the action has already run


class CardRepo(RepoBase):
    def remember_card(self, card_key: str, sent: CardSent, now: datetime) -> None:
        """One insert: the workspace and member are found by their platform ids inside it (no extra round trips
        on a fan-out). A card to nobody we know is not kept: its press redraws nothing."""
        columns = ["card_key", "workspace_id", "member_id", "conversation_id", "activity_id", "body", "labels",
                   "created_at"]  # fmt: skip
        values = (
            select(literal(card_key), Member.workspace_id, Member.id, literal(sent.conversation_id),
                   literal(sent.activity_id), literal(self._cipher.encrypt(sent.text)), literal(sent.labels, JSON),
                   literal(now, UTCDateTime))
            .join(Workspace, Workspace.id == Member.workspace_id)
            .where(Workspace.platform == sent.platform, Workspace.external_id == sent.workspace,
                   Member.user_id == sent.user_id)
        )  # fmt: skip
        with self._tx() as s:
            s.execute(insert(SentCard).from_select(columns, values))

    def press_card(self, card_key: str, conversation_id: str, action: str, now: datetime) -> PressedCard | None:
        """The card a press names, marked pressed; `first` is True for one press only (two racing: one wins).

        None when the card is unknown (forged, or older than housekeeping keeps), comes from another conversation,
        or has no such button: then nothing is redrawn.
        """
        with self._tx() as s:
            card = s.scalars(select(SentCard).where(SentCard.card_key == card_key)).one_or_none()
            if card is None or card.conversation_id != conversation_id or action not in (card.labels or {}):
                return None
            taken = s.execute(
                update(SentCard).where(SentCard.id == card.id, SentCard.pressed_at.is_(None)).values(pressed_at=now)
            )
            return PressedCard(card.activity_id, self._cipher.decrypt(card.body), card.labels[action],
                               first=taken.rowcount == 1)  # fmt: skip

    def purge_cards(self, before: datetime) -> int:
        """Cards sent before `before` (housekeeping): their buttons stop redrawing; the action still works."""
        with self._tx() as s:
            return s.execute(delete(SentCard).where(SentCard.created_at < before)).rowcount or 0
