"""retention and objections: anonymous tallies of erased reports, objections,
warnings flagged for review after she withdraws

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_MOMENT = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "report_tally",
        sa.Column("figure", _TEXT(length=32), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("code", _TEXT(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("figure", "week", "code"),
    )
    op.create_table(
        "objection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identifier_kind", _TEXT(length=10), nullable=False),
        sa.Column("identifier_sealed", _TEXT(), nullable=False),
        sa.Column("reason_sealed", _TEXT(), nullable=False),
        sa.Column("contact_sealed", _TEXT(), nullable=False),
        sa.Column("status", _TEXT(length=10), nullable=False),
        sa.Column("outcome", _TEXT(length=12), nullable=False),
        sa.Column("note_sealed", _TEXT(), nullable=False),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("handled_at", _MOMENT(), nullable=True),
        sa.Column("received_at", _MOMENT(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objection_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_objection_handled_at"), ["handled_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_objection_received_at"), ["received_at"], unique=False
        )
    with op.batch_alter_table("warning", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("review_reason", _TEXT(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("review_requested_at", _MOMENT(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_warning_review_requested_at"), ["review_requested_at"], unique=False
        )
    # The server default stays: on SQLite, dropping it would rebuild the
    # warning table, and rebuilding a table others reference is not safe.
    # Declined reports start their retention clock when they were declined;
    # before this revision only the last change of the report tells when.
    op.execute(
        "UPDATE report SET closed_at = updated_at "
        "WHERE status = 'not_published' AND closed_at IS NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("warning", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_warning_review_requested_at"))
        batch_op.drop_column("review_requested_at")
        batch_op.drop_column("review_reason")
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objection_received_at"))
        batch_op.drop_index(batch_op.f("ix_objection_handled_at"))
        batch_op.drop_index(batch_op.f("ix_objection_status"))
    op.drop_table("objection")
    op.drop_table("report_tally")
