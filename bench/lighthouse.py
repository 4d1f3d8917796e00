"""Lighthouse on the pages a worker opens first: the issue's own yardstick.

Builds and serves the app as production does (``bench/page_weight.py``'s
server: ``reflex run --env prod``, SQLite, one worker), then runs Lighthouse
(mobile defaults: a mid-range phone on slow 4G, simulated) on the start,
log-in, registration, help and check pages, the check page signed in as a
member. Each run gets a fresh Chromium profile; for a signed-in page the
session is put in the profile's storage first (on the favicon, so no page
of the app is cached before Lighthouse loads it). Prints, per page, the
medians over ``--runs`` of the performance score, FCP, LCP, total blocking
time, layout shift, speed index and the script bytes Lighthouse counted, then a summary
against the targets (score >= 90, LCP <= 2.5 s).

Lighthouse is an npm package, installed with ``make lighthouse``.

    .venv/bin/python -m bench.lighthouse [--runs 3] [--only /,/check]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from playwright.sync_api import sync_playwright

from bench.page_weight import seed, served
from bench.support.production import load_average
from tests.browser.support import CHROMIUM
from tests.paths import ROOT
from tests.production.server import free_port

LIGHTHOUSE = ROOT / ".tools" / "node_modules" / ".bin" / "lighthouse"
# The pages, and who opens them.
PAGES = {"/": "", "/login": "", "/register": "", "/help": "", "/check": "member"}
SCORE_TARGET = 90
LCP_TARGET_MS = 2500


@dataclass
class Run:
    score: float
    fcp: float
    lcp: float
    tbt: float
    cls: float
    speed_index: float
    script_kb: float


@contextmanager
def _chromium(token: str, origin: str) -> Iterator[int]:
    """A headless Chromium with a fresh profile (signed in if ``token``); its debugging port."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="uglymugs-lh-") as profile:
        browser = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port)
            if token:
                _sign_in(port, token, origin)
            yield port
        finally:
            browser.terminate()
            browser.wait(timeout=30)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("Chromium did not open its debugging port")


def _sign_in(port: int, token: str, origin: str) -> None:
    with sync_playwright() as driver:
        browser = driver.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
        page = browser.contexts[0].new_page()
        page.goto(origin + "/favicon.ico")
        page.evaluate("token => localStorage.setItem('um.session', token)", token)
        page.close()
        browser.close()


def lighthouse(url: str, port: int, *, keep_storage: bool) -> Run:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--port={port}",
        "--only-categories=performance",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
    ]
    if keep_storage:
        command.append("--disable-storage-reset")
    report = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)
    audits = report["audits"]
    scripts = [
        item["transferSize"]
        for item in audits.get("resource-summary", {}).get("details", {}).get("items", [])
        if item.get("resourceType") == "script"
    ]
    return Run(
        score=(report["categories"]["performance"]["score"] or 0) * 100,
        fcp=audits["first-contentful-paint"]["numericValue"],
        lcp=audits["largest-contentful-paint"]["numericValue"],
        tbt=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        speed_index=audits["speed-index"]["numericValue"],
        script_kb=(scripts[0] / 1024) if scripts else float("nan"),
    )


def median(runs: list[Run], name: str) -> float:
    return statistics.median(getattr(run, name) for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--only", default="", help="comma-separated routes (default: all five)")
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    parser.add_argument("--server-dir", default="", help="build and serve in (and keep) this")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse` first.")
    pages = {r: role for r, role in PAGES.items() if not args.only or r in args.only.split(",")}
    print(f"load average before: {load_average()}", flush=True)
    results: dict[str, list[Run]] = {}
    with served(args) as (url, database_url, instance_dir):
        tokens, _ = seed(database_url, instance_dir)
        print(
            f"{'page':<12}{'role':<9}{'score':>6}{'FCP ms':>8}{'LCP ms':>8}"
            f"{'TBT ms':>8}{'CLS':>7}{'SI ms':>8}{'JS KB':>7}",
            flush=True,
        )
        for route, role in pages.items():
            token = tokens.get(role, "")
            runs = []
            for _ in range(args.runs):
                with _chromium(token, url) as port:
                    runs.append(lighthouse(url + route, port, keep_storage=bool(token)))
            results[route] = runs
            print(
                f"{route:<12}{role or 'anyone':<9}{median(runs, 'score'):>6.0f}"
                f"{median(runs, 'fcp'):>8.0f}{median(runs, 'lcp'):>8.0f}"
                f"{median(runs, 'tbt'):>8.0f}{median(runs, 'cls'):>7.3f}"
                f"{median(runs, 'speed_index'):>8.0f}"
                f"{median(runs, 'script_kb'):>7.0f}",
                flush=True,
            )
    missed = [
        route
        for route, runs in results.items()
        if median(runs, "score") < SCORE_TARGET or median(runs, "lcp") > LCP_TARGET_MS
    ]
    print(
        f"summary: {len(results)} pages, score median "
        f"{statistics.median(median(r, 'score') for r in results.values()):.0f} "
        f"(lowest {min(median(r, 'score') for r in results.values()):.0f}), LCP median "
        f"{statistics.median(median(r, 'lcp') for r in results.values()):.0f} ms; "
        f"{'all meet' if not missed else 'missed on ' + ', '.join(missed)} "
        f"score >= {SCORE_TARGET} and LCP <= {LCP_TARGET_MS} ms; "
        f"Lighthouse mobile defaults; load after: {load_average()}"
    )


if __name__ == "__main__":
    main()
