"""case work: who handles a report, and the moderators' internal notes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handler_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("handled_since", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_report_handler_id"), ["handler_id"], unique=False)
    op.create_table(
        "report_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body_sealed", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_note_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_note_report_id"))
    op.drop_table("report_note")
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_handler_id"))
        batch_op.drop_column("handled_since")
        batch_op.drop_column("handler_id")
