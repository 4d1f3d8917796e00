"""admin tools: regions and their local contacts in the database

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 19:40:00

The rows of a new installation (the shipped regions.json and the region names
of the catalogues) are added by ``services/regions/defaults.py`` when the
installation is prepared or migrated, not here: a migration stays a schema
change that reads no file.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString
UTCDateTime = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "region",
        sa.Column("code", AutoString(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("whole_country", sa.Boolean(), nullable=False),
        sa.Column("names", AutoString(length=4000), nullable=False),
        sa.Column("retired_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "region_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", AutoString(length=40), nullable=False),
        sa.Column("kind", AutoString(length=24), nullable=False),
        sa.Column("name", AutoString(length=120), nullable=False),
        sa.Column("phone", AutoString(length=40), nullable=False),
        sa.Column("url", AutoString(length=300), nullable=False),
        sa.Column("note", AutoString(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("region_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_region_contact_region_code"), ["region_code"], unique=False
        )
    op.create_table(
        "region_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("region_revision")
    with op.batch_alter_table("region_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_region_contact_region_code"))
    op.drop_table("region_contact")
    op.drop_table("region")
