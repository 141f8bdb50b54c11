"""The dashboard's tables: one-time sign-in tokens and signed-in sessions, both kept only as hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base, UTCDateTime


class SignInToken(Base):
    """A one-time secret: a sign-in link (kind "link") or an OpenID Connect state (kind "oidc").

    Only the SHA-256 of the secret is kept, so a copy of the database signs nobody in. A token works once
    (used_at) and until expires_at.
    """

    __tablename__ = "dashboard_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # link | oidc
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)  # oidc: provider, nonce, PKCE verifier
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DashboardSession(Base):
    """A signed-in browser: which admin of which workspace, until when. Rights are checked again on every request."""

    __tablename__ = "dashboard_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))  # the token every form of this session carries
    via: Mapped[str] = mapped_column(String(16))  # link | slack | entra
    flash: Mapped[str | None] = mapped_column(Text)  # the result of the last change, shown once
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
