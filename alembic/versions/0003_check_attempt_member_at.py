"""check attempts: one index on (member_id, at) for the rate limit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 08:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("check_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_check_attempt_member_at", ["member_id", "at"], unique=False)
        batch_op.drop_index("ix_check_attempt_member_id")


def downgrade() -> None:
    with op.batch_alter_table("check_attempt", schema=None) as batch_op:
        batch_op.create_index("ix_check_attempt_member_id", ["member_id"], unique=False)
        batch_op.drop_index("ix_check_attempt_member_at")
