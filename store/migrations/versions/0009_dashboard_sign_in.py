"""The dashboard: one-time sign-in tokens and sessions (hashes only), members' Entra ID object ids, a report index.

The object id lets the dashboard check a Teams admin against MICROCOACH_ADMINS (which lists object ids) on every
request, and find the member behind a Microsoft Entra ID sign-in.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("aad_object_id", sa.String(length=64), nullable=True))
    op.create_index("ix_members_workspace_aad", "members", ["workspace_id", "aad_object_id"])
    # The overview's first look at a month runs /nudge report's query, which asks of every check-in whether a
    # reply to it exists: without this index that is a scan of all replies per check-in (minutes at 10,000 people).
    op.create_index("ix_reflections_conversation_id", "reflections", ["conversation_id"])
    op.create_table(
        "dashboard_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False, unique=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=True),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_dashboard_tokens_expires_at", "dashboard_tokens", ["expires_at"])
    op.create_table(
        "dashboard_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False, unique=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("via", sa.String(length=16), nullable=False),
        sa.Column("flash", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_dashboard_sessions_expires_at", "dashboard_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_dashboard_sessions_expires_at", table_name="dashboard_sessions")
    op.drop_table("dashboard_sessions")
    op.drop_index("ix_dashboard_tokens_expires_at", table_name="dashboard_tokens")
    op.drop_table("dashboard_tokens")
    op.drop_index("ix_reflections_conversation_id", table_name="reflections")
    op.drop_index("ix_members_workspace_aad", table_name="members")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("aad_object_id")
