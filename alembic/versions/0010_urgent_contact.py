"""urgent contact requests and staff on-call hours

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-02 19:31:54
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "on_call_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Time(), nullable=False),
        sa.Column("ends", sa.Time(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("on_call_hours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_on_call_hours_member_id"), ["member_id"], unique=False)

    op.create_table(
        "urgent_contact",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("requester_ref", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("details_pending", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("report_id"),
    )
    with op.batch_alter_table("urgent_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_urgent_contact_requested_at"), ["requested_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_urgent_contact_requester_ref"), ["requester_ref"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("urgent_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_urgent_contact_requester_ref"))
        batch_op.drop_index(batch_op.f("ix_urgent_contact_requested_at"))

    op.drop_table("urgent_contact")
    with op.batch_alter_table("on_call_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_on_call_hours_member_id"))

    op.drop_table("on_call_hours")
