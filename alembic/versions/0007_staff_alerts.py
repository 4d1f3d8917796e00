"""push subscriptions: staff devices that asked for staff alerts

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 19:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("staff_alerts", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("push_subscription", schema=None) as batch_op:
        batch_op.drop_column("staff_alerts")
