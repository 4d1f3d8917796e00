"""Log lines without payloads, tokens or addresses, whoever writes them.

Reflex logs a whole event at ERROR when no handler has its name (a page from
before a deploy does that): the payload (a number she checked, a message she
typed), the tab token that opens her tab's state and the router data with her
address and headers. Uvicorn logs every websocket with her address and the tab
token in its query string. None of that may reach a log an admin keeps or
ships elsewhere; what stays is what an admin needs: which handler, what failed.

``redact_logs()`` installs the redaction as the log record factory, so it
applies to every record any logger of the process makes from then on, whatever
handler writes it (Reflex's, uvicorn's and gunicorn's included).
"""

from __future__ import annotations

import logging
import re
from typing import Any

HIDDEN = "…"
# An event as Reflex prints it: keep its handler name, drop the rest.
_EVENT = re.compile(r"Event\(name='(?P<name>[^']{0,200})'")
# Structures that carry what the browser sent, in reprs and dicts.
_CARRIERS = re.compile(r"""(?P<key>\b(?:payload|router_data|vars|form_data)['"]?\s*[=:]\s*)""")
# What Reflex appends after "Event data:" (the raw event it could not read).
_RAW_EVENT = re.compile(
    r"(?P<key>Event data:|event data:|payload for handler [\w.]+:).*", re.DOTALL
)
_QUERY_TOKEN = re.compile(r"(?P<key>\btoken['\"]?\s*[=:]\s*['\"]?)[^\s&'\",)}]+")
_UUID = re.compile(
    r"(?<![0-9a-fA-F])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9a-fA-F])"
)
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b")
_HEX_GROUPS = r"[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*"
# Full (eight groups) or shortened with "::"; not a time of day like 12:30:45.
_IPV6 = re.compile(
    rf"(?<![\w:])(?:(?:[0-9a-fA-F]{{1,4}}:){{7}}[0-9a-fA-F]{{1,4}}"
    rf"|(?:{_HEX_GROUPS})?::(?:{_HEX_GROUPS})?)(?:%\w+)?(?::\d{{1,5}})?(?![\w:])"
)
# Session tokens, hashes, keys: long runs of letters and digits (both).
_OPAQUE = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}(?![\w-])")
# Phone numbers and other identifying numbers.
_NUMBER = re.compile(r"\d{6,}")
_OPEN, _CLOSE = "([{", ")]}"


def _end_of_value(text: str, start: int) -> int:
    """Where the value starting at ``start`` ends: its brackets closed, or the next , ) }."""
    depth, quote, index = 0, "", start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                return index
            depth -= 1
            if depth == 0:
                return index + 1
        elif char == "," and depth == 0:
            return index
        index += 1
    return index


def _hide_carried_values(text: str) -> str:
    out, position = [], 0
    for found in _CARRIERS.finditer(text):
        if found.start() < position:
            continue
        end = _end_of_value(text, found.end())
        out += [text[position : found.end()], HIDDEN]
        position = end
    return "".join(out) + text[position:]


def redact(text: str) -> str:
    """``text`` without event payloads, router data, tokens, addresses or long numbers."""
    text = _RAW_EVENT.sub(rf"\g<key> {HIDDEN}", text)
    text = _EVENT.sub(r"Event(handler='\g<name>'", text)
    text = _hide_carried_values(text)
    text = _QUERY_TOKEN.sub(rf"\g<key>{HIDDEN}", text)
    text = _UUID.sub("(a tab)", text)
    text = _IPV4.sub("(address)", text)
    text = _IPV6.sub("(address)", text)
    text = _OPAQUE.sub("(secret)", text)
    return _NUMBER.sub("(number)", text)


def _redacted_argument(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return redact(str(value))


def redact_record(record: logging.LogRecord) -> None:
    """Redact a record in place, keeping the shape of its arguments for its formatter."""
    record.msg = redact(record.msg if isinstance(record.msg, str) else str(record.msg))
    if isinstance(record.args, dict):
        record.args = {key: _redacted_argument(value) for key, value in record.args.items()}
    elif record.args:
        record.args = tuple(_redacted_argument(value) for value in record.args)
    if record.exc_info and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


def redact_logs() -> None:
    """Redact every log record this process makes from now on (idempotent)."""
    make_record = logging.getLogRecordFactory()
    if getattr(make_record, "redacts", False):
        return

    def make_redacted_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redact_record(record)
        return record

    make_redacted_record.redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(make_redacted_record)
