"""hardening: member ids never reused on SQLite

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02 16:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # AUTOINCREMENT exists only in CREATE TABLE: batch mode rebuilds the table.
        with op.batch_alter_table("member", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("member", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": False}):
            pass
