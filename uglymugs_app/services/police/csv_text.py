"""CSV text for downloads, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io


def to_csv(columns: tuple[str, ...] | list[str], rows: list[dict]) -> str:
    """CSV text; cells that a spreadsheet would run as a formula are defused."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(row.get(name, "")) for name in columns})
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
