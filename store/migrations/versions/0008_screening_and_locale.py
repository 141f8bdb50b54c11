"""Safety round two: a pending screening question per member, the member's chat locale, a level per crisis event.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("locale", sa.String(length=35), nullable=True))
        batch.add_column(sa.Column("screening_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("screening_reasked", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("crisis_events") as batch:
        batch.add_column(sa.Column("level", sa.String(length=16), nullable=False, server_default="crisis"))


def downgrade() -> None:
    with op.batch_alter_table("crisis_events") as batch:
        batch.drop_column("level")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("screening_reasked")
        batch.drop_column("screening_since")
        batch.drop_column("locale")
