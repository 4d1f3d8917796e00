"""Retention: how long a housekeeping round takes to erase reports past their time.

Seeds a SQLite database in a temporary folder with ``--reports`` declined
reports (each with five identifiers, a thread message and a linked twin,
so the repeat counts are recomputed), ages them past the retention, and
times the round that erases them, and the next round that finds nothing.

    .venv/bin/python -m bench.retention_round [--reports 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, SQLModel

import uglymugs_app.models  # noqa: F401  (registers every table)
from uglymugs_app.models import Report
from uglymugs_app.models.common import utcnow
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.maintenance.housekeeping import run_maintenance
from uglymugs_app.services.reports import threads
from uglymugs_app.services.reports.submission import (
    IdentifierInput,
    ReportSubmission,
    submit_report,
)
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.settings import Settings


def _submission(number: int) -> ReportSubmission:
    phone = f"06-2{number % 5000:07d}"  # every number twice: linked reports
    return ReportSubmission(
        client_id=uuid.uuid4(),
        incident_date=utcnow().date() - timedelta(days=400),
        part_of_day="night",
        region="utrecht",
        place_kind="hotel",
        incident_types=["robbery"],
        narrative="He took the money from my bag and hit me.",
        identifiers=[
            IdentifierInput("phone", phone),
            IdentifierInput("email", f"client{number}@example.nl"),
            IdentifierInput("plate", f"{number % 90 + 10}-ABC-{number % 9 + 1}"),
            IdentifierInput("handle", f"@client_{number}", platform="telegram"),
            IdentifierInput("name", "Jan"),
        ],
    )


def one_run(reports: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = Settings(data_dir=root, instance_dir=root / "instance")
        secrets = ensure_secrets(settings.instance_dir, allow_generate=True)
        engine = build_engine(f"sqlite:///{root / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        long_ago = utcnow() - timedelta(days=settings.report_retention_days + 1)
        with Session(engine, expire_on_commit=False) as session:
            for number in range(reports):
                made = submit_report(
                    session, secrets=secrets, submission=_submission(number), reporter_id=number
                )
                threads.send_reporter_message(
                    session, secrets=secrets, member_id=number, report_id=made.id, body="Hello"
                )
                row = session.get_one(Report, made.id)
                row.status, row.closed_at = "not_published", long_ago
                session.add(row)
            session.commit()
            started = time.perf_counter()
            counts = run_maintenance(session, settings=settings, secrets=secrets)
            erase = time.perf_counter() - started
            assert counts["reports_erased"] == reports, counts
            started = time.perf_counter()
            run_maintenance(session, settings=settings, secrets=secrets)
            idle = time.perf_counter() - started
        engine.dispose()
    return erase, idle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = [one_run(args.reports) for _ in range(args.runs)]
    erase = statistics.median(r[0] for r in results)
    idle = statistics.median(r[1] for r in results)
    print(f"reports erased per round: {args.reports}")
    print(f"median round erasing them: {erase:.2f} s ({erase / args.reports * 1000:.1f} ms/report)")
    print(f"median next round (nothing due): {idle * 1000:.0f} ms")


if __name__ == "__main__":
    main()
