"""Page weight: what a phone downloads on its first visit to each page.

Builds and serves the app as production does (``reflex run --env prod``,
``tests/production/server.py``; SQLite and one worker unless
``--database-url`` names PostgreSQL), then loads every page the app registers
in Chromium on a phone viewport, each in a fresh profile (nothing cached),
signed in as the role the page is meant for. From the browser's own
performance entries it prints, per page, the bytes transferred for
JavaScript, CSS and fonts, first contentful paint and largest contentful
paint, medians over ``--runs`` loads; a last line sums it up.

By default the network and CPU are throttled as Lighthouse's mobile preset
does (150 ms round trip, 1.6 Mbit/s down, CPU 4x slower): the paint times
then say what a mid-range phone on slow 4G sees. ``--no-throttle`` measures
the bare machine.

    .venv/bin/python -m bench.page_weight [--runs 3] [--only /,/login]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.support.production import load_average, seed_warnings
from tests.actors import acting
from tests.browser.a11y_helpers import role_for
from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.production.server import scratch_database, serve
from uglymugs_app.models import MemberStatus, Role
from uglymugs_app.services.database import build_engine
from uglymugs_app.services.members.accounts import create_account
from uglymugs_app.services.regions.help_contacts import update_contact
from uglymugs_app.services.security.instance_secrets import ensure_secrets
from uglymugs_app.services.security.sessions import open_session
from uglymugs_app.settings import Settings

JS_LIMIT_KB = 250
# Pages no navigation item names, and who opens them.
ROLE_OF = {"/warnings/[warning_id]": "member", "/warning": "member"}
# Lighthouse's mobile preset ("slow 4G", mid-range phone).
SLOW_4G = {"latency": 150, "downloadThroughput": 1_638_400 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4

# Bytes by kind and the paint times, read inside the page once it is ready.
MEASURE_JS = """async () => {
  const kinds = {js: 0, css: 0, font: 0, other: 0};
  const raw = {js: 0, css: 0, font: 0, other: 0};
  const entries = [performance.getEntriesByType('navigation')[0],
                   ...performance.getEntriesByType('resource')];
  for (const entry of entries) {
    const path = new URL(entry.name).pathname;
    const kind = /\\.m?js$/.test(path) ? 'js'
      : /\\.css$/.test(path) ? 'css'
      : /\\.(woff2?|ttf|otf)$/.test(path) ? 'font' : 'other';
    kinds[kind] += entry.transferSize || 0;
    raw[kind] += entry.decodedBodySize || 0;
  }
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const lcp = await new Promise(resolve => {
    new PerformanceObserver(list => {
      const all = list.getEntries();
      resolve(all[all.length - 1].startTime);
    }).observe({type: 'largest-contentful-paint', buffered: true});
    setTimeout(() => resolve(null), 1000);
  });
  return {transferred: kinds, decoded: raw, fcp: fcp ? fcp.startTime : null, lcp};
}"""


@dataclass
class Load:
    js: float
    css: float
    font: float
    js_decoded: float
    fcp: float
    lcp: float


def registered_routes() -> list[str]:
    """Every route the app registers (its pages register on import)."""
    from reflex_base.registry import RegistrationContext

    import uglymugs_app.pages  # noqa: F401  (registers the pages)

    context = RegistrationContext.ensure_context()
    return sorted({kwargs["route"] for _, kwargs in context.decorated_pages})


@contextmanager
def served(args: argparse.Namespace) -> Iterator[tuple[str, str, Path]]:
    """(url, database url, instance dir) of a production build of this tree."""
    # A server process may still write into it while it goes (seen: "not empty").
    with tempfile.TemporaryDirectory(
        prefix="uglymugs-weight-", ignore_cleanup_errors=True
    ) as scratch:
        folder = Path(args.server_dir or scratch).resolve()
        if args.database_url.startswith("postgresql"):
            database = scratch_database(args.database_url, prefix="uglymugs_weight")
        else:
            database = _sqlite(folder)
        with (
            database as database_url,
            serve(database_url=database_url, redis_url="", workers=1, folder=folder) as server,
        ):
            yield server.url, database_url, server.instance_dir


@contextmanager
def _sqlite(folder: Path) -> Iterator[str]:
    folder.mkdir(parents=True, exist_ok=True)
    yield f"sqlite:///{folder / 'weight.db'}"


def seed(database_url: str, instance_dir: Path) -> tuple[dict[str, str], int]:
    """A session token per role, and one published warning's id."""
    from sqlmodel import Session, select

    from uglymugs_app.models import Warning

    engine = build_engine(database_url)
    secrets = ensure_secrets(instance_dir, allow_generate=False)
    tokens: dict[str, str] = {}
    with Session(engine, expire_on_commit=False) as session:
        for role in ("member", "applicant", "moderator", "admin", "outreach"):
            person = create_account(
                session,
                working_name=f"Weight {role}",
                password="bench-password-not-used",
                role=role,
                regions=["utrecht"],
                status=MemberStatus.PENDING if role == "applicant" else MemberStatus.ACTIVE,
            )
            tokens[role] = open_session(session, member_id=person.id)
            if role == "admin":  # an installation has its own number on the help page
                update_contact(
                    session,
                    actor=acting(person.id, Role.ADMIN),
                    key="organisation",
                    phone="+31 20 000 0000",
                    url="",
                    note="",
                )
    seed_warnings(engine, secrets, Settings(database_url=database_url), ["+31612345678"])
    with Session(engine) as session:
        warning_id = session.exec(select(Warning.id)).first()
    return tokens, int(warning_id or 0)


def load_once(browser: Browser, url: str, token: str, *, throttle: bool) -> Load:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", has_touch=True)
    if token:
        context.add_init_script(f"localStorage.setItem('um.session', {token!r})")
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **SLOW_4G})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_selector("#app-ready[data-ready=yes]", state="attached", timeout=120_000)
        try:  # the page's own data and lazy chunks; a busy machine may never go idle
            page.wait_for_load_state("networkidle", timeout=15_000)
        except PlaywrightTimeout:
            pass
        found = page.evaluate(MEASURE_JS)
    finally:
        context.close()
    sent, decoded = found["transferred"], found["decoded"]
    return Load(
        js=sent["js"] / 1024,
        css=sent["css"] / 1024,
        font=sent["font"] / 1024,
        js_decoded=decoded["js"] / 1024,
        fcp=found["fcp"] or 0.0,
        lcp=found["lcp"] or 0.0,
    )


def median(loads: list[Load], name: str) -> float:
    return statistics.median(getattr(load, name) for load in loads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh loads per page")
    parser.add_argument("--only", default="", help="comma-separated routes (default: all)")
    parser.add_argument("--no-throttle", action="store_true")
    parser.add_argument("--database-url", default="", help="PostgreSQL (default: SQLite)")
    parser.add_argument("--server-dir", default="", help="build and serve in (and keep) this")
    args = parser.parse_args()
    pages = registered_routes()
    if args.only:
        pages = [route for route in pages if route in args.only.split(",")]
    print(f"load average before: {load_average()}", flush=True)
    with served(args) as (url, database_url, instance_dir):
        tokens, warning_id = seed(database_url, instance_dir)
        rows = measure(url, pages, tokens, warning_id, args)
    report(rows, throttled=not args.no_throttle)


def measure(url, pages, tokens, warning_id, args) -> dict[str, list[Load]]:
    rows: dict[str, list[Load]] = {}
    header = f"{'page':<26}{'role':<10}{'JS KB':>8}{'(raw)':>8}{'CSS KB':>8}"
    print(header + f"{'font KB':>8}{'FCP ms':>8}{'LCP ms':>8}", flush=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for route in pages:
            role = ROLE_OF.get(route, role_for(route))
            path = route.replace("[warning_id]", str(warning_id))
            if route == "/warning":
                path += f"?id={warning_id}"
            token = tokens.get(role, "")
            loads = [
                load_once(browser, url + path, token, throttle=not args.no_throttle)
                for _ in range(args.runs)
            ]
            rows[route] = loads
            print(
                f"{route:<26}{role or 'anyone':<10}{median(loads, 'js'):>8.0f}"
                f"{median(loads, 'js_decoded'):>8.0f}{median(loads, 'css'):>8.0f}"
                f"{median(loads, 'font'):>8.0f}{median(loads, 'fcp'):>8.0f}"
                f"{median(loads, 'lcp'):>8.0f}",
                flush=True,
            )
        browser.close()
    return rows


def report(rows: dict[str, list[Load]], *, throttled: bool) -> None:
    js = [median(loads, "js") for loads in rows.values()]
    lcp = [median(loads, "lcp") for loads in rows.values()]
    over = [route for route, loads in rows.items() if median(loads, "js") > JS_LIMIT_KB]
    print(
        f"summary: {len(rows)} pages, JS median {statistics.median(js):.0f} KB "
        f"(max {max(js):.0f}), CSS median "
        f"{statistics.median(median(loads, 'css') for loads in rows.values()):.0f} KB, "
        f"LCP median {statistics.median(lcp):.0f} ms (max {max(lcp):.0f}), "
        f"{len(over)} over {JS_LIMIT_KB} KB JS{': ' + ', '.join(over) if over else ''}; "
        f"{'slow 4G, CPU /4' if throttled else 'no throttling'}; load after: {load_average()}"
    )


if __name__ == "__main__":
    main()
