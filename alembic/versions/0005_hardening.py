"""hardening: member ids never reused on SQLite; police answers sealed; append-only
tables guarded by triggers on PostgreSQL

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("audit_event", "police_request", "police_answer")
SEALED = (("answer", "police_answer.answer"), ("shared", "police_answer.shared"))


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # AUTOINCREMENT exists only in CREATE TABLE: batch mode rebuilds the table.
        with op.batch_alter_table("member", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}):
            pass
    with op.batch_alter_table("police_answer", schema=None) as batch_op:
        for column, _ in SEALED:
            batch_op.add_column(sa.Column(f"{column}_sealed", sqlmodel.sql.sqltypes.AutoString(),
                                          nullable=False, server_default=""))
    _convert(seal=True)
    with op.batch_alter_table("police_answer", schema=None) as batch_op:
        for column, _ in SEALED:
            batch_op.drop_column(column)
            batch_op.alter_column(f"{column}_sealed", server_default=None)
    if dialect == "postgresql":
        _create_guards()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in APPEND_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS refuse_append_only_change()")
    with op.batch_alter_table("police_answer", schema=None) as batch_op:
        for column, _ in SEALED:
            batch_op.add_column(sa.Column(column, sqlmodel.sql.sqltypes.AutoString(length=1000),
                                          nullable=False, server_default=""))
    _convert(seal=False)
    with op.batch_alter_table("police_answer", schema=None) as batch_op:
        for column, _ in SEALED:
            batch_op.drop_column(f"{column}_sealed")
            batch_op.alter_column(column, server_default=None)
    if dialect == "sqlite":
        with op.batch_alter_table("member", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": False}):
            pass


def _convert(*, seal: bool) -> None:
    """Seal (or open again) the answers already logged, before the guards exist."""
    bind = op.get_bind()
    source = [f"{c}_sealed" if not seal else c for c, _ in SEALED]
    rows = bind.execute(sa.text(f"SELECT id, {', '.join(source)} FROM police_answer")).all()
    if not rows:
        return
    from uglymugs_app.services.security import field_crypto
    from uglymugs_app.services.security.instance_secrets import current_secrets

    secrets = current_secrets()
    for row in rows:
        values = {}
        for (column, field), value in zip(SEALED, row[1:], strict=True):
            if seal:
                values[f"{column}_sealed"] = field_crypto.encrypt(
                    secrets=secrets, field=field, plaintext=value or "")
            else:
                values[column] = field_crypto.decrypt(secrets=secrets, field=field,
                                                      token=value) if value else ""
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        bind.execute(sa.text(f"UPDATE police_answer SET {assignments} WHERE id = :id"),
                     {**values, "id": row[0]})


def _create_guards() -> None:
    # The ORM guard in models.police stops the app; these stop any SQL at all
    # (a Core statement, a console, a compromised worker): what police were
    # told and what staff did cannot be rewritten or erased.
    op.execute("""
        CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END
        $$
    """)
    for table in APPEND_ONLY:
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()")
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()")
