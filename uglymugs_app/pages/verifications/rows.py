"""Queue entries and the taken application as the plain rows the page shows."""

from __future__ import annotations

from datetime import datetime

from uglymugs_app.models.common import as_utc, utcnow
from uglymugs_app.services.members.evidence import Duplicate
from uglymugs_app.services.members.exchange import ExchangeEntry
from uglymugs_app.services.members.queue import QueueEntry


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def duplicate_rows(found: list[Duplicate]) -> list[dict[str, str]]:
    """The other accounts with the same evidence; the page names their status."""
    return [{"name": d.working_name, "status": d.status} for d in found]


def entry_row(entry: QueueEntry) -> dict[str, str]:
    waited = (utcnow() - as_utc(entry.applied_at)).days
    return {
        "id": str(entry.member_id),
        "name": entry.working_name,
        "status": entry.status,
        "applied": _when(entry.applied_at),
        "days": str(max(0, waited)),
        "kind": entry.evidence_kind,
        "site": entry.site,
        "regions": ",".join(entry.regions),  # codes: the page names them
        "vouched_by": entry.vouched_by,
        "claimed_by": entry.claimed_by,
        "mine": "1" if entry.claimed_by_me else "",
        "duplicates": "1" if entry.duplicates else "",
    }


def exchange_rows(entries: list[ExchangeEntry]) -> list[dict[str, str]]:
    return [
        {
            "from": "staff" if e.from_staff else "applicant",
            "author": e.author,
            "text": e.text,
            "link": e.link,
            "at": _when(e.at),
        }
        for e in entries
    ]
