"""Dashboard sign-in: one-time tokens and sessions (stored as SHA-256 hashes), and the audit log a page at a time."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update

from store.models import AuditEntry, Member
from store.models_dashboard import DashboardSession, SignInToken
from store.repo_base import RepoBase
from store.rows import AuditPage

KEEP_ENDED = timedelta(days=1)  # expired tokens and sessions are deleted a day later, when the next token is made


def digest(secret: str) -> str:
    """What is stored for a secret: its SHA-256 (the secret itself is 256 random bits, so no salt is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class DashboardRepo(RepoBase):
    # --- one-time tokens ---------------------------------------------------------------------
    def issue_sign_in(
        self,
        workspace_id: int | None,
        member_id: int | None,
        now: datetime,
        *,
        ttl: timedelta,
        kind: str = "link",
        data: dict | None = None,
    ) -> str:
        """A new one-time secret; only its hash is kept."""
        secret = secrets.token_urlsafe(32)
        with self._tx() as s:
            s.add(SignInToken(token_hash=digest(secret), kind=kind, workspace_id=workspace_id, member_id=member_id,
                              data=data or {}, created_at=now, expires_at=now + ttl))  # fmt: skip
        return secret

    def purge_sign_ins(self, now: datetime) -> int:
        """Expired sign-in tokens and sessions, a day after they ended (housekeeping, daily)."""
        with self._tx() as s:
            tokens = s.execute(delete(SignInToken).where(SignInToken.expires_at < now - KEEP_ENDED)).rowcount or 0
            ended = s.execute(delete(DashboardSession).where(DashboardSession.expires_at < now - KEEP_ENDED))
            return tokens + (ended.rowcount or 0)

    def use_sign_in(self, secret: str, kind: str, now: datetime) -> SignInToken | None:
        """The token, marked used, if it is unused and unexpired; None otherwise. Two racing uses: one wins."""
        with self._tx() as s:
            claimed = s.execute(
                update(SignInToken)
                .where(
                    SignInToken.token_hash == digest(secret),
                    SignInToken.kind == kind,
                    SignInToken.used_at.is_(None),
                    SignInToken.expires_at > now,
                )
                .values(used_at=now)
            )
            if claimed.rowcount != 1:
                return None
            return s.scalars(select(SignInToken).where(SignInToken.token_hash == digest(secret))).one()

    # --- sessions ----------------------------------------------------------------------------
    def start_session(
        self, workspace_id: int, member_id: int, now: datetime, *, ttl: timedelta, via: str
    ) -> tuple[str, DashboardSession]:
        """A new session: (the cookie's secret, the row). The row holds the secret's hash and a CSRF token."""
        secret = secrets.token_urlsafe(32)
        with self._tx() as s:
            row = DashboardSession(token_hash=digest(secret), workspace_id=workspace_id, member_id=member_id,
                                   csrf=secrets.token_urlsafe(32), via=via, created_at=now,
                                   expires_at=now + ttl)  # fmt: skip
            s.add(row)
            s.flush()
            return secret, row

    def dashboard_session(self, secret: str, now: datetime) -> DashboardSession | None:
        """The live session behind a cookie: not ended, not expired."""
        with self._tx() as s:
            return s.scalars(
                select(DashboardSession).where(
                    DashboardSession.token_hash == digest(secret),
                    DashboardSession.ended_at.is_(None),
                    DashboardSession.expires_at > now,
                )
            ).one_or_none()

    def end_session(self, session_id: int, now: datetime) -> None:
        with self._tx() as s:
            s.execute(update(DashboardSession).where(DashboardSession.id == session_id).values(ended_at=now))

    def set_flash(self, session_id: int, text: str | None) -> None:
        """Keep the result of a change to show on the next page (None clears it)."""
        with self._tx() as s:
            s.execute(update(DashboardSession).where(DashboardSession.id == session_id).values(flash=text))

    # --- people and the audit log ------------------------------------------------------------
    def member_by_any_id(self, workspace_id: int, user_id: str) -> Member | None:
        """A member by their platform user id, or (Teams) by their Entra ID object id."""
        with self._tx() as s:
            return s.scalars(
                select(Member)
                .where(
                    Member.workspace_id == workspace_id,
                    or_(Member.user_id == user_id, Member.aad_object_id == user_id),
                )
                .order_by(Member.id)
            ).first()

    def audit_page(self, workspace_id: int, page: int, per_page: int) -> AuditPage:
        """One page of the audit log, newest first (page 1 is the newest), and how many entries there are."""
        with self._tx() as s:
            total = s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.workspace_id == workspace_id)) or 0
            rows = s.scalars(
                select(AuditEntry)
                .where(AuditEntry.workspace_id == workspace_id)
                .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
                .offset(max(page - 1, 0) * per_page)
                .limit(per_page)
            )
            return AuditPage(list(rows), total)
