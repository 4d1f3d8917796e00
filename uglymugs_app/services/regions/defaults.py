"""A new installation's regions: the shipped ``regions.json`` (the settings'
``regions_file``) with each region's name from the nine catalogues.

Run by ``uglymugs prepare``/``migrate`` and at start-up; idempotent: once the
revision row exists the admin's regions are the installation's and nothing
here touches them again.
"""

from __future__ import annotations

import json

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from uglymugs_app.i18n import LANGUAGES, raw_catalogue
from uglymugs_app.models import Region, RegionRevision
from uglymugs_app.settings import get_settings


def shipped_regions() -> tuple[str, tuple[str, ...]]:
    """(whole-country code, region codes) of the shipped file."""
    data = json.loads(get_settings().regions_file.read_text(encoding="utf-8"))
    return data["whole_country"], tuple(data["regions"])


def seed_defaults(session: Session) -> bool:
    """Add the shipped regions to a database that has none yet (not committed).

    True when it added them.
    """
    if session.get(RegionRevision, 1) is not None:
        return False
    whole_country, regions = shipped_regions()
    texts = {language: raw_catalogue(language) for language in LANGUAGES}
    for position, code in enumerate((whole_country, *regions)):
        if session.get(Region, code) is not None:
            continue
        key = f"region.{code}"
        names = {language: text[key] for language, text in texts.items() if key in text}
        session.add(
            Region(
                code=code,
                position=position,
                whole_country=code == whole_country,
                names=json.dumps(names, ensure_ascii=False, sort_keys=True),
            )
        )
    session.add(RegionRevision(id=1, revision=1))
    return True


def seed_database(database_url: str) -> None:
    """Seed the database at ``database_url`` (after migrating it)."""
    from uglymugs_app.services.database import build_engine

    engine = build_engine(database_url)
    try:
        seed_in_own_session(engine)
    finally:
        engine.dispose()


def seed_in_own_session(engine: Engine) -> None:
    """Seed in a transaction of its own; another process seeding at the same
    moment wins the race harmlessly."""
    with Session(engine) as session:
        try:
            if seed_defaults(session):
                session.commit()
        except IntegrityError:
            session.rollback()
