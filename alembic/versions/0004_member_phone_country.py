"""member: the country her clients' national phone numbers come from

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 16:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # "" means: the country of her language (see services/identifiers/countries.py).
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False,
                                      server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("phone_country")
