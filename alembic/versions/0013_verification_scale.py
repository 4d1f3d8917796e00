"""verification at the scale of the backlog: claims, evidence keys, the
exchange with the applicant, expiry of idle applications

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 19:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED = ("application_active_at", "claimed_by_id", "evidence_key", "evidence_site_key")


def upgrade() -> None:
    op.create_table(
        "application_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("from_staff", sa.Boolean(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body_sealed", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("link_sealed", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_application_message_member_id"), "application_message", ["member_id"])
    # Plain ADD COLUMN (no table rebuild, which on SQLite would have to repeat
    # the member table's AUTOINCREMENT); the defaults fill existing rows.
    for name in ("evidence_key", "evidence_site_key"):
        op.add_column(
            "member",
            sa.Column(
                name,
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=False,
                server_default="",
            ),
        )
    op.add_column("member", sa.Column("claimed_by_id", sa.Integer(), nullable=True))
    op.add_column(
        "member", sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
    )
    op.add_column(
        "member",
        sa.Column("application_active_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )
    # Open applications start their expiry clock where they stand now.
    op.execute("UPDATE member SET application_active_at = applied_at")
    for name in INDEXED:
        op.create_index(op.f(f"ix_member_{name}"), "member", [name])


def downgrade() -> None:
    for name in INDEXED:
        op.drop_index(op.f(f"ix_member_{name}"), table_name="member")
    with op.batch_alter_table("member", table_kwargs={"sqlite_autoincrement": True}) as batch:
        for name in (
            "application_active_at",
            "claimed_at",
            "claimed_by_id",
            "evidence_site_key",
            "evidence_key",
        ):
            batch.drop_column(name)
    op.execute("UPDATE member SET status = 'pending' WHERE status = 'expired'")
    op.drop_index(op.f("ix_application_message_member_id"), table_name="application_message")
    op.drop_table("application_message")
