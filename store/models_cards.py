"""Teams cards with buttons, remembered on the server so a press is checked and redrawn from what we sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base, UTCDateTime


class SentCard(Base):
    """A card we posted with buttons. Its buttons carry only the action and this card's random id.

    A press names the card; the card's own conversation, activity id, words and button labels come from here, never
    from the press, so nobody can make the bot redraw another message or put words in its mouth. The words are
    encrypted (a card may quote a clinician), and the row goes with its member and after CARD_MEMORY.
    """

    __tablename__ = "sent_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_key: Mapped[str] = mapped_column(String(43), unique=True)  # 256 random bits, url-safe
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(255))
    activity_id: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)  # Fernet token of the card's words
    labels: Mapped[dict] = mapped_column(JSON, default=dict)  # action id -> button label
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    pressed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
