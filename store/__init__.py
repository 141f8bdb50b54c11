"""Persistence: SQLAlchemy tables, Alembic migrations, encryption at rest and the one Store repository."""

from store.repository import Store

__all__ = ["Store"]
