"""What each worker's pacer learned per lane: a restarted worker starts there, and a worker sees its peers leave.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pace_lanes",
        sa.Column("lane", sa.String(200), primary_key=True),
        sa.Column("worker", sa.String(200), primary_key=True),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("ceiling", sa.Float(), nullable=True),
        sa.Column("probing", sa.Boolean(), nullable=False),
        sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_pace_lanes_learned_at", "pace_lanes", ["learned_at"])


def downgrade() -> None:
    op.drop_index("ix_pace_lanes_learned_at", table_name="pace_lanes")
    op.drop_table("pace_lanes")
