"""The regions every reader sees: seeded from the shipped defaults, read from the
database, and noticed by a worker that did not make the edit."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import Session

from tests.actors import acting
from tests.fixtures.database import sqlite_engine
from uglymugs_app.cli import main
from uglymugs_app.models import Region, Role
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.regions import directory, editing
from uglymugs_app.services.regions.defaults import shipped_regions

SHIPPED = (
    "drenthe",
    "flevoland",
    "friesland",
    "gelderland",
    "groningen",
    "limburg",
    "noord-brabant",
    "noord-holland",
    "overijssel",
    "utrecht",
    "zeeland",
    "zuid-holland",
)


def test_a_new_installation_offers_the_shipped_regions_in_nine_languages(session):
    regions = directory.current(session)
    assert set(regions.offered) == set(SHIPPED)
    assert regions.whole_country == "whole-country"
    assert regions.member_choices[0] == "whole-country"
    assert regions.name("noord-holland", "en") == "North Holland"
    assert regions.name("noord-holland", "nl") == "Noord-Holland"
    assert regions.name("whole-country", "th") == "ทั้งประเทศ"
    assert regions.catalogue("th")["region.whole-country"] == "ทั้งประเทศ"
    assert regions.catalogue("th")["nav.home"] != "Home"  # the rest of her catalogue


def test_prepare_and_migrate_seed_a_new_database_once(tmp_path, app_environment):
    database = tmp_path / "fresh.db"
    app_environment(
        DATABASE_URL=f"sqlite:///{database}",
        UGLYMUGS_INSTANCE_DIR=str(tmp_path / "instance"),
    )
    main(["prepare"])
    engine = build_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        assert {row[0] for row in session.exec(text("select code from region"))} == {
            shipped_regions()[0],
            *SHIPPED,
        }
        # The admin's edits survive the next migration: nothing is seeded twice.
        editing.rename_region(
            session, actor=acting(1, Role.ADMIN), code="utrecht", names={"en": "Utrecht City"}
        )
    main(["migrate"])
    with Session(engine) as session:
        names = json.loads(session.get(Region, "utrecht").names)
        assert names == {"en": "Utrecht City"}
    engine.dispose()


def test_another_workers_edit_is_seen_at_its_next_revision_check(db_path, admin, monkeypatch):
    """Two engines on one database stand for two worker processes."""
    mine, theirs = next(sqlite_engine(db_path)), next(sqlite_engine(db_path))
    monkeypatch.setattr(directory, "MAX_AGE_SECONDS", 60.0)  # a slow machine stays within it
    with Session(theirs) as session:
        before = directory.current(session)
    with Session(mine) as session:
        editing.rename_region(
            session, actor=admin, code="utrecht", names={"en": "Utrecht", "th": "อูเทรคต์"}
        )
    with Session(theirs) as session:
        # Until its next check the other worker still serves its copy ...
        assert directory.current(session) is before
        monkeypatch.setattr(directory, "MAX_AGE_SECONDS", 0.0)
        # ... and at its next check it reads the new revision.
        after = directory.current(session)
    assert after.revision == before.revision + 1
    assert after.name("utrecht", "th") == "อูเทรคต์"
    with Session(theirs) as session:
        assert directory.current(session) is after  # unchanged revision: no reload
    mine.dispose()
    theirs.dispose()


def test_the_worker_that_edits_sees_its_edit_at_once(session, admin):
    directory.current(session)
    editing.rename_region(session, actor=admin, code="zeeland", names={"en": "Zealand"})
    assert directory.current(session).name("zeeland", "en") == "Zealand"


def test_edits_and_revisions_on_both_engines(both_engines, monkeypatch):
    """PostgreSQL as in production: the seed, an edit, and the revision check."""
    admin = acting(1, Role.ADMIN)
    monkeypatch.setattr(directory, "MAX_AGE_SECONDS", 0.0)
    with Session(both_engines) as session:
        first = directory.current(session)
        assert "utrecht" in first.offered
        code = editing.add_region(session, actor=admin, names={"en": "Amstelland"})
        editing.retire_region(session, actor=admin, code="zeeland")
    directory.forget(Session(both_engines))  # as another worker: only the database counts
    with Session(both_engines) as session:
        now = directory.current(session)
    assert now.revision == first.revision + 2
    assert code in now.offered and "zeeland" not in now.offered and "zeeland" in now.known
