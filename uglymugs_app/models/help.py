"""The contacts on the help pages: configuration an admin edits, kept in the database."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class HelpContact(SQLModel, table=True):
    """A number or address on the help pages; an admin edits these in the app."""

    __tablename__ = "help_contact"

    key: str = Field(primary_key=True, max_length=32)
    position: int = 0
    phone: str = Field(default="", max_length=40)
    url: str = Field(default="", max_length=300)
    # Opening hours or a short remark, as the admin wrote it.
    note: str = Field(default="", max_length=200)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = None
