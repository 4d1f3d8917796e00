"""The private check's costs: server, table, browser.

- Server: one blinded evaluation with its proof (RFC 9497 VOPRF,
  ristretto255-SHA512, the ``voprf`` bindings), and one whole check (the
  page always sends 16 elements, one batch proof).
- Table: building rows (OPRF output, tag, sealed warning id) for 1,000 and
  100,000 identifiers; a real ``rebuild`` from sealed reports in SQLite for
  1,000; the size of the served table (JSON, and gzipped as the websocket's
  permessage-deflate roughly sends it).
- Browser: one check in headless Chromium with the bundle the app serves
  (assets/private_check.js): normalise and blind (16 elements), then, after
  the server's evaluation (done here in Python, in between), verify the proof,
  unblind, derive tags and open the sealed id, against a 1,000-row table. The
  websocket round trip is not in it (bench/check_load.py measures that path).

    .venv/bin/python -m bench.private_check [--runs 200] [--large 100000]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
from uglymugs_app.services.private_check import oprf

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "assets" / "private_check.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _median_ms(samples: list[float]) -> str:
    low, mid, high = (1000 * f(samples) for f in (min, statistics.median, max))
    return f"{mid:.3f} ms [{low:.3f}–{high:.3f}]"


def _phone(n: int) -> Identifier:
    return Identifier(IdentifierKind.PHONE, f"+316{10_000_000 + n:08d}")


def server_evaluation(seed: bytes, runs: int) -> None:
    from voprf import ristretto

    one = [ristretto.Client.blind(os.urandom(16))[1] for _ in range(runs)]
    single = []
    for blinded in one:
        start = time.perf_counter()
        oprf.evaluate_blinded(seed, [blinded])
        single.append(time.perf_counter() - start)
    batch, elements = [], [ristretto.Client.blind(os.urandom(16))[1] for _ in range(16)]
    for _ in range(max(20, runs // 4)):
        start = time.perf_counter()
        oprf.evaluate_blinded(seed, elements)
        batch.append(time.perf_counter() - start)
    print(f"server: one evaluation with proof        {_median_ms(single)}")
    print(f"server: one check (16 elements, 1 proof) {_median_ms(batch)}")


def table_rows(seed: bytes, count: int) -> tuple[float, list[list[str]]]:
    start = time.perf_counter()
    rows = []
    for n in range(count):
        output = oprf.output_for(seed, _phone(n))
        sealed = oprf.seal_warning_id(output, 1 + n // 4)
        rows.append([oprf.tag_of(output), base64.b64encode(sealed).decode()])
    return time.perf_counter() - start, sorted(rows)


def table_figures(seed: bytes, large: int) -> list[list[str]]:
    small_rows: list[list[str]] = []
    for count in (1_000, large):
        seconds, rows = table_rows(seed, count)
        served = json.dumps({"key_id": "1", "public_key": "x" * 44, "rows": rows}).encode()
        print(
            f"table: {count:>7,} identifiers built in {seconds:.2f} s "
            f"({seconds / count * 1e6:.0f} µs each); served {len(served) / 1024:,.0f} KiB, "
            f"gzipped {len(gzip.compress(served)) / 1024:,.0f} KiB"
        )
        if count == 1_000:
            small_rows = rows
    return small_rows


def rebuild_in_sqlite() -> None:
    """publish 250 reports of 4 identifiers, then time ``rebuild`` (1,000 rows)."""
    from sqlmodel import Session

    from tests.fixtures.reports import publish, report
    from uglymugs_app.services.database import build_engine
    from uglymugs_app.services.maintenance.migrations import upgrade_to_head
    from uglymugs_app.services.private_check.table import rebuild
    from uglymugs_app.services.reports.submission import IdentifierInput
    from uglymugs_app.services.security.instance_secrets import ensure_secrets
    from uglymugs_app.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        upgrade_to_head(url)
        engine = build_engine(url)
        secrets = ensure_secrets(Path(folder) / "instance", allow_generate=True)
        settings = Settings(data_dir=Path(folder), instance_dir=Path(folder) / "instance")
        with Session(engine) as session:
            for n in range(250):
                identifiers = [
                    IdentifierInput("phone", f"+316{20_000_000 + n:08d}"),
                    IdentifierInput("email", f"client{n}@example.nl"),
                    IdentifierInput("plate", f"{n:02d}-ABC-1"[:8]),
                    IdentifierInput("handle", f"@client_{n}", platform="telegram"),
                ]
                publish(
                    session, secrets, settings, report(session, secrets, identifiers=identifiers).id
                )
            start = time.perf_counter()
            rows = rebuild(session, secrets=secrets)
            seconds = time.perf_counter() - start
        print(f"table: rebuild from sealed reports, SQLite: {rows:,} rows in {seconds:.2f} s")


BROWSER_CHECK = """async ([table, raw, evaluate]) => {
  const u = window.umPrivate;
  const indexed = u.indexTable(table);
  const t0 = performance.now();
  const readings = u.candidates(raw, { country: "NL" });
  const blinded = u.blindReadings(readings);
  const t1 = performance.now();
  const answer = await window.evaluate(blinded.blinded);
  const t2 = performance.now();
  const found = await u.finishCheck(blinded.secret, answer, indexed);
  const t3 = performance.now();
  return {
    blind: t1 - t0, server: t2 - t1, finish: t3 - t2, total: t3 - t0, found: found.warnings,
  };
}"""


def browser_check(seed: bytes, rows: list[list[str]], runs: int) -> None:
    from playwright.sync_api import sync_playwright

    def evaluate(blinded: list[str]) -> dict:
        from voprf import ristretto

        inputs = [ristretto.BlindedInput.deserialize(base64.b64decode(b)) for b in blinded]
        evaluated, proof = oprf.evaluate_blinded(seed, inputs)
        return {
            "key_id": "1",
            "evaluated": [base64.b64encode(e).decode() for e in evaluated],
            "proof": base64.b64encode(proof).decode(),
        }

    table = {
        "key_id": "1",
        "public_key": base64.b64encode(oprf.public_key(seed)).decode(),
        "rows": rows,
    }
    with _served_bundle() as url, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)  # 127.0.0.1 is a secure context: WebCrypto is there
        page.wait_for_function("() => !!window.umPrivate")
        page.expose_function("evaluate", evaluate)
        samples: dict[str, list[float]] = {"blind": [], "server": [], "finish": [], "total": []}
        found = 0
        for n in range(runs):
            raw = f"06{10_000_000 + (n * 37) % 2000}"
            result = page.evaluate(BROWSER_CHECK, [table, raw, None])
            found += bool(result["found"])
            for key in samples:
                samples[key].append(result[key] / 1000)
        browser.close()
    print(f"browser: normalise + blind 16            {_median_ms(samples['blind'])}")
    print(f"browser: server evaluation (in between)  {_median_ms(samples['server'])}")
    print(f"browser: verify, unblind, look up, open  {_median_ms(samples['finish'])}")
    print(f"browser: one check without the network   {_median_ms(samples['total'])}")
    print(f"browser: {found} of {runs} checks found a row (half the numbers are in the table)")


@contextlib.contextmanager
def _served_bundle() -> Iterator[str]:
    """A page with the bundle, served on 127.0.0.1 (a thread, stopped after)."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "private_check.js").write_bytes(BUNDLE.read_bytes())
        Path(folder, "index.html").write_text(
            '<html><body><script src="private_check.js"></script></body></html>'
        )
        handler = functools.partial(QuietHandler, directory=folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
        finally:
            server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--parts", default="server,table,rebuild,browser")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    seed = os.urandom(32)
    if "server" in parts:
        server_evaluation(seed, args.runs)
    rows = table_figures(seed, args.large) if "table" in parts else table_rows(seed, 1_000)[1]
    if "rebuild" in parts:
        rebuild_in_sqlite()
    if "browser" in parts:
        browser_check(seed, rows, max(20, args.runs // 4))


if __name__ == "__main__":
    main()
