"""The regions of this installation, read from the database and kept in memory.

Reports, warnings, member settings, devices and every region list on a page
read them here. Each process keeps one copy per database and compares the
one revision row at most once a second (``MAX_AGE_SECONDS``): an admin's edit
in one worker reaches the other workers within a second, and the worker that
made it at once (``forget``). A database that was never prepared gets the
defaults on first read, in the reader's transaction.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from weakref import WeakKeyDictionary

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from uglymugs_app.i18n import FALLBACK, LANGUAGES, catalogue, supported
from uglymugs_app.models import Region, RegionContact, RegionRevision

MAX_AGE_SECONDS = 1.0


@dataclass(frozen=True)
class LocalContact:
    id: int
    kind: str
    name: str
    phone: str
    url: str
    note: str


@dataclass(frozen=True)
class RegionEntry:
    code: str
    names: Mapping[str, str]
    whole_country: bool
    retired: bool
    contacts: tuple[LocalContact, ...] = ()

    def name(self, language: str) -> str:
        """Her language's name, else English, else any name the admin gave."""
        return (
            self.names.get(language)
            or self.names.get(FALLBACK)
            or next(iter(self.names.values()), "")
            or self.code
        )


@dataclass(frozen=True, eq=False)
class RegionDirectory:
    """One revision of the regions; shared by every reader, never changed."""

    revision: int
    entries: tuple[RegionEntry, ...]
    _catalogues: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    @cached_property
    def by_code(self) -> dict[str, RegionEntry]:
        return {entry.code: entry for entry in self.entries}

    @cached_property
    def whole_country(self) -> str:
        return next((e.code for e in self.entries if e.whole_country), "")

    @cached_property
    def offered(self) -> tuple[str, ...]:
        """Where a report can happen and a warning apply: the active regions."""
        return tuple(e.code for e in self.entries if not e.whole_country and not e.retired)

    @cached_property
    def member_choices(self) -> tuple[str, ...]:
        """What a member may choose to hear about: the whole country or a region."""
        return (self.whole_country, *self.offered)

    @cached_property
    def known(self) -> tuple[str, ...]:
        """Every region ever offered, retired ones too (old reports name them)."""
        return tuple(e.code for e in self.entries if not e.whole_country)

    def name(self, code: str, language: str) -> str:
        entry = self.by_code.get(code)
        return entry.name(language) if entry else code

    @cached_property
    def shipped_names(self) -> bool:
        """Whether every region and its names, in every language, are the
        shipped ones (a new installation's until an admin adds or renames one):
        then the shipped catalogue, which every page already holds, is hers."""
        return all(self.catalogue(language) == catalogue(language) for language in LANGUAGES)

    def catalogue(self, language: str) -> dict[str, str]:
        """Her catalogue with the regions' names as ``region.<code>`` keys.

        One dict per language and revision, shared by every tab: a tab's
        interface state keeps a reference, not a copy.
        """
        found = self._catalogues.get(language)
        if found is None:
            names = {f"region.{e.code}": e.name(language) for e in self.entries}
            found = {**catalogue(language), **names}
            self._catalogues[language] = found
        return found


@dataclass
class _Held:
    directory: RegionDirectory
    checked_at: float


_held: WeakKeyDictionary[Engine, _Held] = WeakKeyDictionary()
_lock = threading.Lock()


def current(session: Session) -> RegionDirectory:
    """The regions as the database has them now (at most a second old when
    another process changed them)."""
    engine = _engine_of(session)
    held = _held.get(engine)
    now = time.monotonic()
    if held is not None and now - held.checked_at < MAX_AGE_SECONDS:
        return held.directory
    revision = _revision(session)
    if revision is None:
        # Never prepared (``uglymugs prepare`` seeds): the defaults join the
        # caller's transaction (another session could wait on its locks).
        from uglymugs_app.services.regions.defaults import seed_defaults

        seed_defaults(session)
        session.flush()
        revision = _revision(session) or 0
    with _lock:
        held = _held.get(engine)
        if held is not None and held.directory.revision == revision:
            held.checked_at = now
            return held.directory
    directory = _load(session, revision)
    with _lock:
        _held[engine] = _Held(directory, now)
    return directory


def current_for_app() -> RegionDirectory:
    """The regions for the app's own database, opening a session only when the
    copy in memory is due for its revision check."""
    from uglymugs_app.services.database import get_engine

    engine = get_engine()
    held = _held.get(engine)
    if held is not None and time.monotonic() - held.checked_at < MAX_AGE_SECONDS:
        return held.directory
    with Session(engine) as session:
        return current(session)


def regions_catalogue(language: str) -> dict[str, str]:
    """Her catalogue (any code: unsupported ones get English) with the regions'
    current names, for the app's own database."""
    return current_for_app().catalogue(supported(language))


def forget(session: Session) -> None:
    """Drop this process's copy (after an edit is committed)."""
    with _lock:
        _held.pop(_engine_of(session), None)


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _revision(session: Session) -> int | None:
    return session.exec(select(RegionRevision.revision).where(col(RegionRevision.id) == 1)).first()


def _load(session: Session, revision: int) -> RegionDirectory:
    contacts: dict[str, list[LocalContact]] = {}
    rows = session.exec(
        select(RegionContact).order_by(col(RegionContact.position), col(RegionContact.id))
    )
    for row in rows:
        contacts.setdefault(row.region_code, []).append(
            LocalContact(row.id or 0, row.kind, row.name, row.phone, row.url, row.note)
        )
    entries = [
        RegionEntry(
            code=region.code,
            names=json.loads(region.names or "{}"),
            whole_country=region.whole_country,
            retired=region.retired_at is not None,
            contacts=tuple(contacts.get(region.code, ())),
        )
        for region in session.exec(select(Region))
    ]
    entries.sort(key=lambda e: (not e.whole_country, e.name(FALLBACK).casefold(), e.code))
    return RegionDirectory(revision=revision, entries=tuple(entries))
