"""Where the tests find the project and put what they keep."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
# A neutral page the browser tests intercept; the real default leaves the site.
NEUTRAL_URL = "https://neutral.invalid/weather"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Served test apps send notification e-mails to this port on 127.0.0.1 (set in
# tests/conftest.py), where a test that reads them starts a local SMTP server
# (tests/unit/mail/smtp_server.py); with none listening, e-mails are retried
# and never leave the machine.
SMTP_PORT = _free_port()
