"""The private check in Chromium, under the app's Content-Security-Policy:
the bundle meets RFC 9497; a check finds a reported number and not an
unreported one while nothing that leaves the phone names the number or its
blind index, and what is sent does not depend on the answer; a device
without WebCrypto is told the check is unavailable and sends nothing."""

from __future__ import annotations

import base64
import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.membership_helpers import log_in, seed
from tests.browser.support import screenshot, wait_until_connected
from tests.browser.warning_helpers import publish_in, unique_phone

# RFC 9497 appendix A.1.2, ristretto255-SHA512, VOPRF mode.
VOPRF_VECTORS = {
    "seed": "a3" * 32,
    "keyInfo": "74657374206b6579",
    "skSm": "e6f73f344b79b379f1a0dd37e07ff62e38d9f71345ce62ae3a9bc60b04ccd909",
    "pkSm": "c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e",
    "cases": [
        {
            "inputs": ["00"],
            "blinds": ["64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706"],
            "blinded": ["863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945"],
            "evaluated": ["aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e"],
            "proof": "ddef93772692e535d1a53903db24367355cc2cc78de93b3be5a8ffcc6985dd06"
            "6d4346421d17bf5117a2a1ff0fcb2a759f58a539dfbe857a40bce4cf49ec600d",
            "proofScalar": "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e",
            "outputs": [
                "b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7d"
                "a4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c"
            ],
        },
        {
            "inputs": ["5a" * 17],
            "blinds": ["64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706"],
            "blinded": ["cc0b2a350101881d8a4cba4c80241d74fb7dcbfde4a61fde2f91443c2bf9ef0c"],
            "evaluated": ["60a59a57208d48aca71e9e850d22674b611f752bed48b36f7a91b372bd7ad468"],
            "proof": "401a0da6264f8cf45bb2f5264bc31e109155600babb3cd4e5af7d181a2c9dc0a"
            "67154fabf031fd936051dec80b0b6ae29c9503493dde7393b722eafdf5a50b02",
            "proofScalar": "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e",
            "outputs": [
                "8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60"
                "356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6"
            ],
        },
        {
            "inputs": ["00", "5a" * 17],
            "blinds": [
                "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706",
                "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e",
            ],
            "blinded": [
                "863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945",
                "90a0145ea9da29254c3a56be4fe185465ebb3bf2a1801f7124bbbadac751e654",
            ],
            "evaluated": [
                "aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e",
                "cc5ac221950a49ceaa73c8db41b82c20372a4c8d63e5dded2db920b7eee36a2a",
            ],
            "proof": "cc203910175d786927eeb44ea847328047892ddf8590e723c37205cb74600b0a"
            "5ab5337c8eb4ceae0494c2cf89529dcf94572ed267473d567aeed6ab873dee08",
            "proofScalar": "419c4f4f5052c53c45f3da494d2b67b220d02118e0857cdbcf037f9ea84bbe0c",
            "outputs": [
                "b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7d"
                "a4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c",
                "8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60"
                "356f4610bf816f27afdd84f47719e480906d27ecd994985890e5f539e7ea74b6",
            ],
        },
    ],
}

# Runs in the page, against the bundle the app serves (window.umPrivate.voprf).
# noble draws a scalar as (48 random bytes, little-endian) mod (n - 1) + 1, so
# the bytes of (s - 1) make it draw exactly the scalar s of the vector.
RUN_VECTORS = """(v) => {
  const { voprf, hex } = window.umPrivate;
  const bytes = (h) => Uint8Array.from(h.match(/../g).map((b) => parseInt(b, 16)));
  const rngFor = (scalarHex) => () => {
    let s = 0n;
    bytes(scalarHex).forEach((b, i) => { s += BigInt(b) << (8n * BigInt(i)); });
    s -= 1n;
    const out = new Uint8Array(48);
    for (let i = 0; i < 48; i++) { out[i] = Number(s & 255n); s >>= 8n; }
    return out;
  };
  const keys = voprf.deriveKeyPair(bytes(v.seed), bytes(v.keyInfo));
  const results = { sk: hex(keys.secretKey), pk: hex(keys.publicKey), cases: [] };
  for (const c of v.cases) {
    const inputs = c.inputs.map(bytes);
    const blinded = inputs.map((input, i) => voprf.blind(input, rngFor(c.blinds[i])));
    const evaluation = voprf.blindEvaluateBatch(
      keys.secretKey, keys.publicKey, blinded.map((b) => b.blinded), rngFor(c.proofScalar));
    const outputs = voprf.finalizeBatch(inputs.map((input, i) => ({
      input, blind: blinded[i].blind, blinded: blinded[i].blinded,
      evaluated: evaluation.evaluated[i],
    })), keys.publicKey, evaluation.proof);
    let forged = "accepted";
    try {
      const wrong = Uint8Array.from(evaluation.proof); wrong[0] ^= 1;
      voprf.finalizeBatch(inputs.map((input, i) => ({
        input, blind: blinded[i].blind, blinded: blinded[i].blinded,
        evaluated: evaluation.evaluated[i],
      })), keys.publicKey, wrong);
    } catch (e) { forged = "refused"; }
    results.cases.push({
      blinded: blinded.map((b) => hex(b.blinded)),
      evaluated: evaluation.evaluated.map(hex),
      proof: hex(evaluation.proof),
      outputs: outputs.map(hex),
      forged,
    });
  }
  return results;
}"""


def test_the_bundle_meets_the_rfc_9497_vectors_in_chromium(new_context, app_url):
    page = new_context().new_page()
    page.goto(app_url + "/login")
    # Other pages do not fetch the engine; the check page asks for it so.
    assert page.evaluate("() => window.umPrivate") is None
    page.evaluate("() => window.umCheck.engine()")
    page.wait_for_function("() => !!window.umPrivate")
    got = page.evaluate(RUN_VECTORS, VOPRF_VECTORS)
    assert (got["sk"], got["pk"]) == (VOPRF_VECTORS["skSm"], VOPRF_VECTORS["pkSm"])
    for case, result in zip(VOPRF_VECTORS["cases"], got["cases"], strict=True):
        assert result["blinded"] == case["blinded"]
        assert result["evaluated"] == case["evaluated"]
        assert result["proof"] == case["proof"]
        assert result["outputs"] == case["outputs"]
        assert result["forged"] == "refused"


def _forms_of(phone: str) -> list[str]:
    """Every way the number could travel: as typed, national, E.164, digits,
    with or without the plus or the 0, and its blind index under every key."""
    from uglymugs_app.services.identifiers.kinds import Identifier, IdentifierKind
    from uglymugs_app.services.security import field_crypto
    from uglymugs_app.services.security.instance_secrets import current_secrets

    digits = phone.replace("06-", "6")
    e164 = "+31" + digits
    forms = [phone, "0" + digits, e164, "31" + digits, digits, digits[1:], digits[-6:]]
    forms += [f"+31 {digits[0]} {digits[1:5]} {digits[5:]}", e164.replace("+", "%2B")]
    identifier = Identifier(IdentifierKind.PHONE, e164)
    for _, index in field_crypto.blind_indexes(secrets=current_secrets(), identifier=identifier):
        forms += [index, base64.b64encode(bytes.fromhex(index)).decode()]
    return forms


class Capture:
    """Every websocket frame (both ways) and every HTTP request of a page."""

    def __init__(self, page) -> None:
        self.sent: list[str] = []
        self.received: list[str] = []
        self.requests: list[str] = []
        page.on("websocket", self._socket)
        page.on("request", self._request)

    def _socket(self, socket) -> None:
        socket.on("framesent", lambda frame: self.sent.append(_text(frame)))
        socket.on("framereceived", lambda frame: self.received.append(_text(frame)))

    def _request(self, request) -> None:
        self.requests.append(f"{request.method} {request.url} {request.post_data or ''}")

    def everything(self) -> str:
        return "\n".join(self.sent + self.received + self.requests)

    def events_sent(self) -> list[dict]:
        """The app events sent (socket.io ``42/_event,["event",{...}]`` frames)."""
        events = []
        for frame in self.sent:
            if '"event"' in frame and "[" in frame:
                message, _ = json.JSONDecoder().raw_decode(frame[frame.index("[") :])
                if isinstance(message, list) and len(message) > 1 and message[0] == "event":
                    events.append(message[1])
        return events


def _text(frame) -> str:
    return frame if isinstance(frame, str) else frame.decode(errors="replace")


def _shape(event: dict) -> tuple:
    """The handler, and how many blinded points (32 bytes, base64) it carries."""
    text = json.dumps(event.get("payload", {}))
    return event["name"].rsplit(".", 1)[-1], len(re.findall(r"[A-Za-z0-9+/]{43}=", text))


@pytest.fixture
def checking_page(new_context, app_url):
    name, _ = seed("member")
    page = new_context().new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-check")).to_be_visible()
    return page


def _check(page, value: str) -> None:
    page.fill("#check-input", value)
    page.click("#check-submit")


def test_a_check_finds_what_was_reported_and_nothing_names_the_number(checking_page, app_url):
    page = checking_page
    reported, unreported = unique_phone(), unique_phone()
    warning = publish_in("limburg", reported)
    capture = Capture(page)
    page.goto(app_url + "/check")
    wait_until_connected(page)

    sent_before = len(capture.sent)
    _check(page, reported)
    expect(page.locator("#check-found")).to_be_visible()
    expect(page.locator(f"[data-warning='{warning}']")).to_be_visible()
    expect(page.locator("#check-matched")).to_contain_text("+31 6 1")
    page.wait_for_timeout(1500)  # anything sent after the answer is captured too
    found_events = capture.events_sent()
    screenshot(page, "private-check-found")

    found_count = len(found_events)
    _check(page, unreported)
    expect(page.locator("#check-none")).to_be_visible()
    expect(page.locator(f"[data-warning='{warning}']")).not_to_be_visible()
    page.wait_for_timeout(1500)
    none_events = capture.events_sent()[found_count:]

    assert len(capture.sent) > sent_before
    everything = capture.everything()
    for phone in (reported, unreported):
        for form in _forms_of(phone):
            assert form not in everything, f"{form!r} left or reached the page"
    # The same request, of the same size, whether the check matched or not;
    # and nothing at all after the answer.
    check_events = [e for e in found_events if e["name"].endswith(".check")]
    assert len(check_events) == 1
    assert [_shape(e) for e in none_events] == [_shape(check_events[0])]
    assert _shape(check_events[0]) == ("check", 16)
    sent = json.dumps(check_events[0]["payload"])
    assert "check_input" not in sent and "check_kind" not in sent


def test_a_warning_published_while_the_page_is_open_is_found(checking_page, app_url):
    page = checking_page
    page.goto(app_url + "/check")
    wait_until_connected(page)
    _check(page, unique_phone())
    expect(page.locator("#check-none")).to_be_visible()
    reported = unique_phone()
    warning = publish_in("utrecht", reported)
    _check(page, reported)
    expect(page.locator(f"[data-warning='{warning}']")).to_be_visible()
    expect(page.locator("#check-none")).not_to_be_visible()


def test_without_webcrypto_she_is_told_and_nothing_is_sent(new_context, app_url):
    from uglymugs_app.i18n import translate

    name, _ = seed("member", language="nl")  # her log-in uses her account's language
    context = new_context(locale="nl-NL")
    # An old or locked-down browser: no SubtleCrypto.
    context.add_init_script(
        "Object.defineProperty(Crypto.prototype, 'subtle', { get() { return undefined; } });"
    )
    page = context.new_page()
    log_in(page, app_url, name)
    expect(page.locator("#home-check")).to_be_visible()
    page.goto(app_url + "/check")
    wait_until_connected(page)
    page.wait_for_timeout(500)
    capture = Capture(page)
    phone = unique_phone()
    _check(page, phone)
    expect(page.locator("#check-error")).to_contain_text(
        translate("nl", "private_check.unavailable")
    )
    expect(page.locator("#check-none")).not_to_be_visible()
    page.wait_for_timeout(1000)
    assert not [e for e in capture.events_sent() if e["name"].endswith(".check")]
    for form in _forms_of(phone):
        assert form not in capture.everything()
    screenshot(page, "private-check-unavailable-nl")
