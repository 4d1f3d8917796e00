"""The exchange between a moderator and an applicant ("ask for more").

Both sides' texts are sealed like a report's narrative; the rows are deleted
with the decision or the application's expiry, and with her account.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class ApplicationMessage(SQLModel, table=True):
    __tablename__ = "application_message"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(foreign_key="member.id", index=True, ondelete="CASCADE")
    from_staff: bool = False
    author_id: int | None = None  # the moderator who asked; None for her answers
    body_sealed: str = ""  # field_crypto, field "application_message.body"
    link_sealed: str = ""  # a new ad link she sent with her answer
    created_at: datetime = Field(default_factory=utcnow)
