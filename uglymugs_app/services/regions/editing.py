"""Admins add, rename, retire and restore regions; every change is audited
and bumps the revision every worker compares."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping

from sqlalchemy import update
from sqlmodel import Session, col, select

from uglymugs_app.i18n import FALLBACK, LANGUAGES
from uglymugs_app.models import Region, RegionRevision, Role
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.actors import Actor, require
from uglymugs_app.services.errors import InvalidInput, NotFound
from uglymugs_app.services.regions import directory
from uglymugs_app.services.security import audit

NAME_MAX = 80
CODE_MAX = 40


def add_region(session: Session, *, actor: Actor, names: Mapping[str, str]) -> str:
    """A new region, offered at once; its code is made from the English name."""
    require(actor, Role.ADMIN)
    directory.current(session)  # a never-prepared database gets its defaults first
    clean = _names(names)
    code = _new_code(session, clean[FALLBACK])
    session.add(
        Region(
            code=code,
            names=json.dumps(clean, ensure_ascii=False, sort_keys=True),
            updated_by_id=actor.member_id,
        )
    )
    _changed(session, actor, "region_admin.added", code, None, {"names": clean})
    return code


def rename_region(session: Session, *, actor: Actor, code: str, names: Mapping[str, str]) -> None:
    """New names in the nine languages; the code (what rows store) stays."""
    require(actor, Role.ADMIN)
    region = _region(session, code)
    clean = _names(names)
    before = json.loads(region.names or "{}")
    region.names = json.dumps(clean, ensure_ascii=False, sort_keys=True)
    _touch(session, region, actor)
    _changed(session, actor, "region_admin.renamed", code, {"names": before}, {"names": clean})


def retire_region(session: Session, *, actor: Actor, code: str) -> None:
    """No longer offered to reports, warnings or members; still named on old ones."""
    require(actor, Role.ADMIN)
    region = _region(session, code)
    if region.whole_country:
        raise InvalidInput("regionadmin.whole_country")
    if region.retired_at is not None:
        return
    if directory.current(session).offered == (code,):
        raise InvalidInput("regionadmin.last")
    region.retired_at = utcnow()
    _touch(session, region, actor)
    _changed(session, actor, "region_admin.retired", code, {"retired": False}, {"retired": True})


def restore_region(session: Session, *, actor: Actor, code: str) -> None:
    require(actor, Role.ADMIN)
    region = _region(session, code)
    if region.retired_at is None:
        return
    region.retired_at = None
    _touch(session, region, actor)
    _changed(session, actor, "region_admin.restored", code, {"retired": True}, {"retired": False})


def bump_revision(session: Session) -> None:
    """Count one edit (in the caller's transaction), so every worker reloads."""
    session.exec(
        update(RegionRevision)
        .where(col(RegionRevision.id) == 1)
        .values(revision=RegionRevision.revision + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def commit_and_forget(session: Session) -> None:
    """Commit an edit and drop this worker's copy of the regions."""
    session.commit()
    directory.forget(session)


def _changed(
    session: Session, actor: Actor, action: str, code: str, before: dict | None, after: dict
) -> None:
    audit.record(
        session,
        actor_id=actor.member_id,
        action=action,
        subject_type="region",
        subject_id=None,
        detail=code,
        before=before,
        after=after,
    )
    bump_revision(session)
    commit_and_forget(session)


def _region(session: Session, code: str) -> Region:
    directory.current(session)  # a never-prepared database gets its defaults first
    region = session.get(Region, str(code)[:CODE_MAX]) if code else None
    if region is None:
        raise NotFound()
    return region


def _touch(session: Session, region: Region, actor: Actor) -> None:
    region.updated_at, region.updated_by_id = utcnow(), actor.member_id
    session.add(region)


def _names(names: Mapping[str, str]) -> dict[str, str]:
    """The names she typed, per known language; English is required (it is
    shown wherever a language has none)."""
    clean: dict[str, str] = {}
    for language in LANGUAGES:
        text = " ".join(str(names.get(language, "") or "").split())
        if len(text) > NAME_MAX:
            raise InvalidInput("regionadmin.name.too_long")
        if text:
            clean[language] = text
    if not clean.get(FALLBACK):
        raise InvalidInput("regionadmin.name.missing")
    return clean


def _new_code(session: Session, english: str) -> str:
    folded = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[: CODE_MAX - 4] or "region"
    taken = set(session.exec(select(Region.code)))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def regions_for_admin(session: Session, *, actor: Actor) -> directory.RegionDirectory:
    """Every region with its names in all languages and its contacts, as stored now."""
    require(actor, Role.ADMIN)
    directory.forget(session)  # another worker's edit of a moment ago shows too
    return directory.current(session)
