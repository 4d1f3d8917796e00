"""What a notification e-mail says: the notification's neutral words and a link.

The subject and first line are the title and body the push message has
(already in her language, and "New note" for a discreet address), then the
link into the app, then one line saying why she gets it. Nothing names the
app unless the installation's From address does: an inbox is read by others
too.
"""

from __future__ import annotations

import hashlib
import json
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from uglymugs_app.i18n import translate
from uglymugs_app.models.common import utcnow
from uglymugs_app.settings import Settings


def app_link(settings: Settings, path: str) -> str:
    """An absolute link to a page of the app; the start page for anything else."""
    base = settings.public_base_url.rstrip("/")
    if not path.startswith("/") or path.startswith("//"):
        path = "/"
    return base + path


def message_id(*, settings: Settings, entry_id: int, payload_json: str) -> str:
    """The same Message-ID every time one outbox entry is sent.

    A second copy sent after a crash (see docs/ARCHITECTURE.md, "at least
    once") carries the first one's Message-ID, by which many mail stores show
    it once.
    """
    domain = parseaddr(settings.smtp_from)[1].rpartition("@")[2] or "localhost"
    digest = hashlib.sha256(payload_json.encode()).hexdigest()[:12]
    return f"<n{entry_id}.{digest}@{domain}>"


def build_message(
    *, settings: Settings, entry_id: int, payload_json: str, address: str, language: str
) -> EmailMessage:
    """The e-mail for one outbox entry to one address (plain text, UTF-8)."""
    payload = json.loads(payload_json)
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = address
    message["Subject"] = str(payload.get("title", ""))
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = message_id(
        settings=settings, entry_id=entry_id, payload_json=payload_json
    )
    # Tells mail servers not to answer it (no out-of-office replies).
    message["Auto-Submitted"] = "auto-generated"
    why = translate(language, "email_channel.footer", link=app_link(settings, "/notifications"))
    body = f"{payload.get('body', '')}\n\n{app_link(settings, str(payload.get('url', '/')))}\n"
    message.set_content(f"{body}\n-- \n{why}\n")
    return message
