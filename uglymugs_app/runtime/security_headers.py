"""Security headers on everything the app serves, pages included.

In production the backend also serves the built pages, so this middleware
wraps all of it (``rx.App(api_transformer=[..., security_headers])``). The
Content-Security-Policy allows no inline script but the few React Router and
Reflex write into each page, by the SHA-256 of each: the middleware reads the
page it is sending and lists the hashes of that page's own inline scripts.
``'unsafe-eval'`` stays because Reflex runs ``rx.call_script`` through
``eval``; inline styles stay because Emotion and Radix write them.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Headers every response carries. Strict-Transport-Security is the TLS
# proxy's (docs/deploy/nginx.conf): the app itself may be reached over plain
# HTTP on 127.0.0.1.
FIXED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
# Everything but script-src, which differs per page.
POLICY = (
    "default-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
SCRIPT_SOURCES = "'self' 'unsafe-eval'"
# Inline scripts: <script> elements without a src attribute.
_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE
)
# Pages are read to hash their scripts, so they are sent only in an encoding
# this module can read (Reflex pre-compresses with gzip by default).
_READABLE_ENCODINGS = {"gzip", "identity"}


def content_security_policy(page: bytes = b"") -> str:
    """The policy for a response; for a page, its own inline scripts are allowed by hash."""
    hashes = " ".join(f"'sha256-{digest}'" for digest in inline_script_hashes(page))
    scripts = f"script-src {SCRIPT_SOURCES} {hashes}".rstrip()
    return "; ".join((*POLICY, scripts))


def inline_script_hashes(page: bytes) -> tuple[str, ...]:
    """Base64 SHA-256 of each distinct inline script in ``page``, in order of appearance."""
    seen: dict[str, None] = {}
    for match in _INLINE_SCRIPT.finditer(page):
        digest = base64.b64encode(hashlib.sha256(match.group(1)).digest()).decode()
        seen.setdefault(digest, None)
    return tuple(seen)


def security_headers(app: ASGIApp) -> ASGIApp:
    """Wrap ``app`` so every HTTP response carries the security headers."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        scope = {**scope, "headers": _readable_encodings_only(scope.get("headers", []))}
        await app(scope, receive, _Sender(send))

    return wrapped


def _readable_encodings_only(headers: list) -> list:
    kept = []
    for name, value in headers:
        if name.lower() == b"accept-encoding":
            offered = [part.strip() for part in value.decode("latin-1").split(",")]
            value = ", ".join(
                part
                for part in offered
                if part.split(";")[0].strip().lower() in _READABLE_ENCODINGS
            ).encode()
        kept.append((name, value))
    return kept


class _Sender:
    """Adds the headers; holds a page back until its body is complete, to hash it."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._start: Message | None = None
        self._body: list[bytes] = []
        self._encoding = ""

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = _without(message.get("headers", []), FIXED_HEADERS)
            headers += [(name.encode(), value.encode()) for name, value in FIXED_HEADERS.items()]
            message = {**message, "headers": headers}
            if message.get("status") == 304:
                # No policy: the browser would replace the cached page's policy
                # (with its hashes) by this one, which has no page to hash.
                await self._send(
                    {**message, "headers": _without(headers, {"content-security-policy"})}
                )
                return
            if _header(headers, b"content-type").startswith("text/html"):
                self._start = message
                self._encoding = _header(headers, b"content-encoding").lower()
                return
            await self._send(_with_policy(message, b""))
            return
        if message["type"] == "http.response.body" and self._start is not None:
            self._body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(self._body)
            await self._send(_with_policy(self._start, body, self._encoding))
            self._start = None
            await self._send({"type": "http.response.body", "body": body})
            return
        await self._send(message)


def _with_policy(start: Message, body: bytes, encoding: str = "") -> Message:
    headers = _without(start["headers"], {"content-security-policy"})
    headers.append((b"content-security-policy", _page_policy(body, encoding)))
    return {**start, "headers": headers}


# Keyed by the body as sent: a page served again costs a dictionary lookup,
# not a decompression (the pages are the same few dozen files).
@lru_cache(maxsize=64)  # a few dozen pages, a few KB each compressed
def _page_policy(body: bytes, encoding: str) -> bytes:
    page = gzip.decompress(body) if encoding == "gzip" else body
    return content_security_policy(page).encode()


def _without(headers, names) -> list:
    return [(name, value) for name, value in headers if name.decode().lower() not in names]


def _header(headers, wanted: bytes) -> str:
    for name, value in headers:
        if name.lower() == wanted:
            return value.decode("latin-1")
    return ""
