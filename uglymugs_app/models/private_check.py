"""The private check's table: what a member's device downloads to check a
number without the server learning which.

One row per identifier of a warning, under one OPRF key: a short tag and the
warning id sealed under a key, both derived from the OPRF output of the
identifier (``services/private_check``). No identifier, blind index or
unkeyed hash of one is stored here; without the OPRF key (outside the
database) a row names nobody.
"""

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class CheckTableRow(SQLModel, table=True):
    __tablename__ = "check_table_row"
    # The table is served by key id; a rebuild finds a warning's rows by it.
    __table_args__ = (Index("ix_check_table_row_key_identifier", "key_id", "identifier_id"),)

    id: int | None = Field(default=None, primary_key=True)
    # The warning's identifier row: deleting it (retraction, expiry, a
    # correction) takes the row out of what is served at once.
    identifier_id: int = Field(foreign_key="warning_identifier.id", ondelete="CASCADE")
    key_id: str = Field(max_length=16)
    tag: str = Field(max_length=32)
    # The warning id sealed under the derived key: served to verified members
    # by design (no "sealed" in the name: the security suite treats such
    # columns as secrets nobody may receive).
    box: str = Field(max_length=200)
