"""Regions and their local help contacts: configuration an admin edits in the app.

A new installation starts from the shipped ``regions.json`` and the region
names of the catalogues (``services/regions/defaults.py``); from then on the
database is the one source. A retired region stays readable on the reports
and warnings that name it but is no longer offered.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from uglymugs_app.models.common import utcnow


class Region(SQLModel, table=True):
    __tablename__ = "region"

    # The code reports, warnings, members and devices store; never changes.
    code: str = Field(primary_key=True, max_length=40)
    position: int = 0
    # The code meaning "the whole country" (one row): never retired.
    whole_country: bool = False
    # JSON {language code: name}, as the admin wrote them.
    names: str = Field(default="{}", max_length=4000)
    retired_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = None


class RegionContact(SQLModel, table=True):
    """A local number on the help page of the region: a wijkagent, the vice
    (zeden) desk, a clinic. Public numbers only: no member is named here."""

    __tablename__ = "region_contact"

    id: int | None = Field(default=None, primary_key=True)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=40)
    kind: str = Field(max_length=24)
    # Who or what it is, as the admin wrote it ("Wijkagent Utrecht-Centrum").
    name: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=40)
    url: str = Field(default="", max_length=300)
    note: str = Field(default="", max_length=200)
    position: int = 0
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = None


class RegionRevision(SQLModel, table=True):
    """One row counting edits of regions and their contacts: each worker keeps
    the regions in memory and compares this number to notice another
    worker's edit."""

    __tablename__ = "region_revision"

    id: int = Field(default=1, primary_key=True)
    revision: int = 0
    updated_at: datetime = Field(default_factory=utcnow)
