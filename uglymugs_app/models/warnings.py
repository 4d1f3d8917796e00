"""Warnings (waarschuwingen): the sanitised, published form of a report.

Everything here is shown to every verified member, so it holds only what the
moderator chose to publish: masked identifiers, coded appearance and incident
types, regions, the month. The blind indexes let a check find the warning.
"""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import IndexedIdentifier, utcnow


class WarningStatus(StrEnum):
    ACTIVE = "active"
    RETRACTED = "retracted"
    EXPIRED = "expired"
    # Its report passed its retention: emptied, only its number and dates stay.
    ERASED = "erased"


class Warning(SQLModel, table=True):  # the domain's word, though it shadows a builtin
    __tablename__ = "warning"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", unique=True, index=True)
    summary: str = Field(max_length=1000)
    severity: str = Field(max_length=8, index=True)
    regions: str = Field(default="[]", max_length=400)  # JSON list of region codes
    incident_types: str = Field(default="[]", max_length=400)
    appearance: str = Field(default="{}", max_length=2000)  # JSON, published subset
    place_kind: str = Field(default="", max_length=20)
    incident_month: str = Field(default="", max_length=7)  # "2025-03"
    status: str = Field(default=WarningStatus.ACTIVE, max_length=10, index=True)
    reported_count: int = 1
    repeat: bool = False
    version: int = 1
    change_reason: str = Field(default="", max_length=500)
    published_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
    retracted_at: datetime | None = None
    # The reporter withdrew her report or her consent to publish: a moderator
    # must look at the warning again (reason code, e.g. "report_withdrawn").
    review_reason: str = Field(default="", max_length=40)
    review_requested_at: datetime | None = Field(default=None, index=True)


class WarningIdentifier(IndexedIdentifier, table=True):
    __tablename__ = "warning_identifier"

    id: int | None = Field(default=None, primary_key=True)
    warning_id: int = Field(foreign_key="warning.id", index=True, ondelete="CASCADE")
    masked: str = Field(max_length=80)
