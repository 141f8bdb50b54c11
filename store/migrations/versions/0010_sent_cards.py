"""Teams cards remembered on the server: a press names a card by a random key; its words, labels and activity are ours.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sent_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("card_key", sa.String(length=43), nullable=False, unique=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
        sa.Column("conversation_id", sa.String(length=255), nullable=False),
        sa.Column("activity_id", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pressed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_sent_cards_member_id", "sent_cards", ["member_id"])
    op.create_index("ix_sent_cards_created_at", "sent_cards", ["created_at"])


def downgrade() -> None:
    op.drop_table("sent_cards")
