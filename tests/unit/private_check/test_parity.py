"""The browser reads a number exactly as the server does.

The OPRF input is the normalised value: one character of difference and a
reported number is "not reported". The bundle the page loads
(assets/private_check.js) runs under bun on the shared corpus
(tests/unit/private_check/phone_parity.json, 540 numbers of ten countries written eight
ways each) and must give the server's readings, masks and refusals byte for
byte; the server must still give what the corpus holds.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.unit.private_check.parity_corpus import CORPUS, expected

ROOT = Path(__file__).resolve().parents[3]
BUN = ROOT / ".tools" / "node_modules" / ".bin" / "bun"
BUNDLE = ROOT / "assets" / "private_check.js"
# A plain script: the bundle defines globalThis.umPrivate as in the page.
RUNNER = """
await import(process.argv[2]);
const cases = JSON.parse(await Bun.file(process.argv[3]).text());
const out = cases.map(({ raw, country }) => {
  try {
    const found = umPrivate.candidates(raw, { country });
    return {
      readings: found.map((i) => `${i.kind}:${i.value}`),
      masked: umPrivate.described(found).map((d) => `${d.kind} ${d.masked}`),
    };
  } catch (e) {
    if (!(e instanceof umPrivate.IdentifierError)) throw e;
    return { error: e.key };
  }
});
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return json.loads(CORPUS.read_text())


def _in_browser_bundle(cases: list[dict], tmp_path: Path) -> list[dict]:
    if not BUN.exists():
        pytest.fail("bun is missing: `make test` installs it into .tools")
    runner = tmp_path / "parity.mjs"
    runner.write_text(RUNNER)
    inputs = tmp_path / "cases.json"
    inputs.write_text(json.dumps([{"raw": c["raw"], "country": c["country"]} for c in cases]))
    done = subprocess.run(
        [str(BUN), str(runner), str(BUNDLE), str(inputs)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_corpus_is_large_enough(corpus):
    numbers = {c["raw"] for c in corpus if c["raw"].startswith("+") and " " not in c["raw"]}
    countries = {c["readings"][0][6:9] for c in corpus if "readings" in c}
    assert len(numbers) >= 500
    assert len(countries) >= 10


def test_the_server_still_reads_the_corpus_as_recorded(corpus):
    assert [expected(c["raw"], c["country"]) for c in corpus] == [
        {k: v for k, v in c.items() if k not in ("raw", "country")} for c in corpus
    ]


def test_the_browser_reads_every_number_as_the_server(corpus, tmp_path):
    browser = _in_browser_bundle(corpus, tmp_path)
    server = [{k: v for k, v in c.items() if k not in ("raw", "country")} for c in corpus]
    differing = [
        (case["raw"], case["country"], mine, theirs)
        for case, mine, theirs in zip(corpus, browser, server, strict=True)
        if mine != theirs
    ]
    assert differing == [], differing[:10]


def test_the_other_kinds_too(tmp_path):
    cases = [
        {"raw": raw, "country": "NL"}
        for raw in (
            "Bad.Client@Example.nl",
            "j.an+x@gmail.com",
            "<mailto:jan@example.nl?subject=hoi>",
            "12-ABC-3",
            "@Johnny_B",
            "jan123",
            "t.me/Jan_Met",
            "https://instagram.com/@jan.b",
            "snapchat.com/add/jan",
            "his number 06 12345678 and mine 06 87654321",
            "bel me: ０６１２３４５６７８",
            "٠٦١٢٣٤٥٦٧٨",
            "",
            "Jan",
            "xx",
        )
    ]
    browser = _in_browser_bundle(cases, tmp_path)
    assert browser == [expected(c["raw"], c["country"]) for c in cases]
