"""Retention: when a workspace was uninstalled, and no check-in marked by a crisis.

A crisis is counted in crisis_events (no person). Check-ins closed by one were marked outcome "crisis",
which linked the person to it for as long as the row lived; they become plain "closed".

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.add_column(sa.Column("inactive_since", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE conversations SET outcome = 'closed' WHERE outcome = 'crisis'")


def downgrade() -> None:
    with op.batch_alter_table("workspaces") as batch:
        batch.drop_column("inactive_since")
