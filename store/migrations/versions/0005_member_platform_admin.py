"""Members: is_admin becomes platform_admin, the platform's own flag only.

Program-admin rights are decided at the edge on every request (MICROCOACH_ADMINS, and the platform's flag by
the documented rule); a stored copy of a past decision is what let a removed admin stay one.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.alter_column("is_admin", new_column_name="platform_admin")
    # Rows set from MICROCOACH_ADMINS are not the platform's word: the next directory sync sets them again.
    op.execute("UPDATE members SET platform_admin = false")


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.alter_column("platform_admin", new_column_name="is_admin")
