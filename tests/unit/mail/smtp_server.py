"""A real SMTP server on 127.0.0.1 (aiosmtpd, in its own thread) that keeps what arrived.

Answers can be scripted per recipient: refuse the mailbox (550), or refuse
for now (451) a number of times before accepting.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Arrived:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    @property
    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        answer = self.server.answer_for(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.lock:
            self.server.arrived.append(
                Arrived(envelope.mail_from, tuple(envelope.rcpt_tos), parsed)  # type: ignore[arg-type]
            )
            self.server.accepted.set()
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """Start with ``start()``; ``arrived`` holds every accepted message in order."""

    def __init__(self, port: int | None = None) -> None:
        self.lock = threading.Lock()
        self.arrived: list[Arrived] = []
        self.accepted = threading.Event()
        self.refuse: set[str] = set()  # mailbox unknown: 550
        self.busy: dict[str, int] = {}  # address -> how many more 451 answers
        self.port = port or _free_port()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def answer_for(self, address: str) -> str | None:
        with self.lock:
            if address in self.refuse:
                return "550 5.1.1 No such mailbox"
            if self.busy.get(address, 0) > 0:
                self.busy[address] -= 1
                return "451 4.3.0 Try again later"
        return None

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[Arrived]:
        with self.lock:
            return [item for item in self.arrived if address in item.rcpt_tos]
