"""Fixtures for the e-mail channel: a real local SMTP server, settings sending to it,
and the push tests' devices and push service beside it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.unit.push.conftest import add_device, push_service, push_test_settings
from uglymugs_app.settings import Settings

from .smtp_server import SmtpServer

__all__ = ["add_device", "push_service"]


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(settings: Settings, smtp_server: SmtpServer) -> Settings:
    """Push to the local stand-in, e-mail to the local SMTP server (no TLS: it is local)."""
    return push_test_settings(settings).model_copy(
        update=dict(
            smtp_host="127.0.0.1",
            smtp_port=smtp_server.port,
            smtp_tls="none",
            smtp_from="Notifications <notes@example.org>",
            smtp_timeout_seconds=5.0,
            public_base_url="https://app.example.org",
            # A short lease, so the crash test's restart need not wait long;
            # encryption in the sender, so no process start outlasts the lease.
            push_lease_seconds=2,
            push_encrypt_workers=0,
        )
    )
