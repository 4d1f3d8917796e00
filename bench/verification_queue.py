"""The verification queue with a backlog: time to the first page and to approve one.

Seeds ``--applicants`` open applications and ``--members`` verified members
into a fresh database (SQLite in a temporary folder, or ``--database-url``:
a PostgreSQL database whose tables it creates and drops), then times, in the
server's own code path (what ``VerificationState`` runs, without the socket):

- first page: the queue's fingerprint, the first page of the "all" view with
  its counts (one page: vouchers, claims and duplicate flags in a query
  each, 25 ad links opened for their site);
- approve one: "I'm handling this" (claim and open, ad link opened) and the
  approval, each time on the oldest application still waiting.

The last line is ``first page: <median> ms  approve: <median> ms`` (target:
first page <= 300 ms).

    .venv/bin/python -m bench.verification_queue [--applicants 400] [--members 2000] [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, SQLModel

import uglymugs_app.models  # noqa: F401  (registers the tables)
from bench.support.backlog import seed_backlog
from uglymugs_app.models import Role
from uglymugs_app.services.actors import Actor
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.members import queue, verification
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.settings import Settings


def _first_page(engine, secrets, settings, actor) -> float:
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        queue.queue_version(session)
        queue.queue_page(session, secrets=secrets, settings=settings, actor=actor)
    return (time.perf_counter() - started) * 1000


def _approve_oldest(engine, secrets, settings, actor, member_id: int) -> float:
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        verification.open_application(
            session, secrets=secrets, settings=settings, actor=actor, member_id=member_id
        )
    with Session(engine, expire_on_commit=False) as session:
        verification.approve(session, actor=actor, member_id=member_id, settings=settings)
        queue.queue_page(session, secrets=secrets, settings=settings, actor=actor)
    return (time.perf_counter() - started) * 1000


def _summary(label: str, values: list[float]) -> str:
    return f"{label}: {statistics.median(values):.1f} ms [{min(values):.1f}–{max(values):.1f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=400)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
        settings = Settings(data_dir=workdir, instance_dir=workdir / "instance")
        secrets = ensure_secrets(settings.instance_dir, allow_generate=True)
        engine = build_engine(url)
        SQLModel.metadata.drop_all(engine)
        SQLModel.metadata.create_all(engine)
        try:
            with Session(engine, expire_on_commit=False) as session:
                waiting = seed_backlog(
                    session, secrets=secrets, applicants=args.applicants, members=args.members
                )
                moderator = create_account(
                    session, working_name="Bench Mod", password="x" * 14, role="moderator"
                )
                actor = Actor(moderator.id or 0, Role.MODERATOR, "Bench Mod", "en")
            _first_page(engine, secrets, settings, actor)  # warm caches and the key derivation
            pages = [_first_page(engine, secrets, settings, actor) for _ in range(args.runs)]
            runs = min(args.runs, len(waiting))
            approvals = [
                _approve_oldest(engine, secrets, settings, actor, member_id)
                for member_id in waiting[:runs]
            ]
        finally:
            if args.database_url:
                SQLModel.metadata.drop_all(engine)
            engine.dispose()
    print(f"{args.applicants} applicants, {args.members} members, {engine.dialect.name}")
    print(_summary("first page (25 of the queue, counts)", pages))
    print(_summary("approve one (claim, open, approve, next page)", approvals))
    print(
        f"first page: {statistics.median(pages):.1f} ms  "
        f"approve: {statistics.median(approvals):.1f} ms"
    )


if __name__ == "__main__":
    main()
