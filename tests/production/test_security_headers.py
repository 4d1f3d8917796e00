"""Item 14: the security headers, read from the app served as production serves it.

Only `reflex run --env prod` serves the pages from the app itself (the test
harness serves them from a static server of its own), so this module starts
that server once, on SQLite with one worker: no PostgreSQL or Redis needed.
A phone then goes through the app under the policy and must meet no refusal.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.membership_helpers import PASSWORD
from tests.browser.support import PHONE, wait_until_connected
from tests.paths import ROOT
from tests.production.server import serve
from tests.production.test_workers import seed_member

PAGES = ("/", "/help", "/login", "/settings", "/report", "/no/such/page")
OTHER = ("/sw.js", "/shell.js", "/manifest.webmanifest", "/api/health")
SAME_EVERYWHERE = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL)
# Records every refusal of the policy, before any of the page's own scripts run.
WATCH_POLICY = """window.__refused = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__refused.push(event.violatedDirective + ' ' + event.blockedURI);
});"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("headers")
    with serve(
        database_url=f"sqlite:///{folder / 'app.db'}",
        redis_url="",
        workers=1,
        folder=folder / "app",
    ) as server:
        yield server


def _get(url: str, *, gzip_ok: bool = True) -> tuple[dict[str, str], str]:
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "gzip, br, zstd" if gzip_ok else "identity"}
    )
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:  # the not-found page is a page too
        response = error
    with response:
        headers = {name.lower(): value for name, value in response.headers.items()}
        body = response.read()
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return headers, body.decode("utf-8", "replace")


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("gzip_ok", [True, False])
def test_14_every_page_sends_a_policy_that_allows_only_its_own_inline_scripts(served, gzip_ok):
    for path in PAGES:
        headers, page = _get(served.url + path, gzip_ok=gzip_ok)
        assert headers["content-type"].startswith("text/html"), path
        for name, value in SAME_EVERYWHERE.items():
            assert headers.get(name) == value, (path, name)
        policy = _directives(headers["content-security-policy"])
        assert policy["frame-ancestors"] == ["'none'"], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        scripts = policy["script-src"]
        assert "'unsafe-inline'" not in scripts and "*" not in scripts, path
        assert not [source for source in scripts if source.startswith(("http", "data:"))]
        inline = [_sha256(body) for body in INLINE.findall(page)]
        assert inline, f"{path}: expected React Router's inline scripts"
        # Exactly this page's inline scripts, nothing more.
        allowed = {source for source in scripts if source.startswith("'sha256-")}
        assert allowed == set(inline), path


def test_14_a_page_revalidated_from_the_cache_keeps_its_own_policy(served):
    headers, _ = _get(served.url + "/help")
    request = urllib.request.Request(
        served.url + "/help", headers={"If-None-Match": headers["etag"], "Accept-Encoding": "gzip"}
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=10)
    assert answer.value.code == 304
    # A 304's headers replace the cached ones: a policy here would have no hashes.
    assert "content-security-policy" not in {name.lower() for name in answer.value.headers}
    assert answer.value.headers["x-content-type-options"] == "nosniff"


def test_14_the_service_worker_and_other_files_carry_the_headers_too(served):
    for path in OTHER:
        headers, _ = _get(served.url + path)
        for name, value in SAME_EVERYWHERE.items():
            assert headers.get(name) == value, (path, name)
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path


def test_14_the_nginx_sample_keeps_the_security_headers_on_sw_js():
    config = (ROOT / "docs" / "deploy" / "nginx.conf").read_text()
    server = config[config.index("listen 443") :]
    # nginx: a block with an add_header of its own drops the server's add_header lines.
    for location in re.findall(r"location[^{]*\{([^}]*)\}", server):
        assert "add_header" not in location, location
    added = {
        line.split()[1].lower()
        for line in server.splitlines()
        if line.strip().startswith("add_header")
    }
    assert {*SAME_EVERYWHERE, "strict-transport-security", "permissions-policy"} <= added
    hidden = {
        line.split()[1].rstrip(";").lower()
        for line in server.splitlines()
        if line.strip().startswith("proxy_hide_header")
    }
    # The policy can only come from the app (it hashes each page's scripts).
    assert "content-security-policy" not in added | hidden
    assert re.search(r"=\s*/sw\.js\s+\"no-cache\"", config)


def _watched(new_context) -> tuple[Page, list[str]]:
    context = new_context(PHONE)
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, console


def _no_refusals(page: Page, console: list[str]) -> None:
    assert page.evaluate("window.__refused") == []
    assert console == []


def test_14_the_app_works_under_its_policy_on_a_phone(served, new_context):
    page, console = _watched(new_context)
    for path in ("/", "/help", "/settings"):
        page.goto(served.url + path)
        wait_until_connected(page)
        expect(page.locator("#page-title")).to_be_visible()
        _no_refusals(page, console)
    # Scripts the server sends (rx.call_script) run: the discreet switch sets
    # the home-screen manifest through shell.js.
    page.locator("#discreet-switch").click()
    expect(page.locator("link[rel=manifest]")).to_have_attribute(
        "href", "/manifest-discreet.webmanifest"
    )

    name = seed_member(served)
    page.goto(served.url + "/login")
    wait_until_connected(page)
    page.fill("#login-name", name)
    page.fill("#login-password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#member-home")).to_be_visible()
    page.goto(served.url + "/report")
    wait_until_connected(page)
    # The draft script encrypts with WebCrypto and keeps its key in IndexedDB.
    expect(page.locator("#report-form[data-restored=yes]")).to_have_count(1)
    page.click("#report-next")
    expect(page.locator("[data-step='when']")).to_be_visible()
    page.fill("#report-area", "Lombok")
    page.wait_for_function("localStorage.getItem('um.report.draft') !== null")
    page.reload()
    wait_until_connected(page)
    expect(page.locator("#report-area")).to_have_value("Lombok")
    _no_refusals(page, console)
    page.locator("#quick-exit").click()
    page.wait_for_url(re.compile(r"^https://neutral\.invalid/"))
